package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.ir.Domain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.pnn.dsl.DiagnosticCode.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One test per diagnostic code: the expected span is marked in the source with carets, and the test asserts the
 * code, the span (line:col to line:col) and the exact message, and that no other diagnostic appears.
 */
class DiagnosticCodesTest {
    static final Set<DiagnosticCode> TESTED = EnumSet.noneOf(DiagnosticCode.class);

    /** A clean program; tests break one thing at a time. */
    static final String HEADER = """
            use photonics;
            network Net {
                input x : real[4];
                s = modulate(x);
                m = clements(s);
                p = photodetect(m);
                output y = gain(take(p, 0..1));
            }
            hardware ideal = photonic_sim;
            """;
    static final String PLAN = "train Net { data = digits8x8(\"d.csv\"); loss = cross_entropy; trainer = backprop; optimizer = adam; on = ideal; }\n";

    static Diagnostic expect(String marked, DiagnosticCode code, String message) {
        return expect(new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()), Carets.of(marked), code, message);
    }

    static Diagnostic expect(PnnCompiler compiler, Carets marked, DiagnosticCode code, String message) {
        Compilation c = compiler.compile("test.pnn", marked.source());
        assertEquals(List.of(code), c.diagnostics().stream().map(Diagnostic::code).toList(), c.render());
        Diagnostic d = c.diagnostics().get(0);
        assertEquals(marked.span(), d.span(), c.render());
        assertEquals(message, d.message());
        assertTrue(c.program().isEmpty());
        assertTrue(c.render().contains("error[" + code.id() + "]"), c.render());
        TESTED.add(code);
        return d;
    }

    static Diagnostic expectAt(Compilation c, DiagnosticCode code, int line, int column, String message) {
        Diagnostic d = c.diagnostics().stream().filter(x -> x.code() == code).findFirst().orElseThrow(() -> new AssertionError(c.render()));
        assertEquals(line, d.span().line(), c.render());
        assertEquals(column, d.span().column(), c.render());
        assertEquals(message, d.message());
        TESTED.add(code);
        return d;
    }

    // ------------------------------------------------------------------ E00xx

    @Test
    void e0001InternalError() {
        // Something the compiler does not guard against (here a block whose module() throws) still ends as a
        // diagnostic, not an exception.
        PnnPlugin p = new PnnPlugin() {
            @Override
            public String name() {
                return "odd-plugin";
            }

            @Override
            public List<BlockType> blocks() {
                return List.of(new BlockType() {
                    @Override
                    public String name() {
                        return "odd";
                    }

                    @Override
                    public String module() {
                        throw new IllegalStateException("boom");
                    }

                    @Override
                    public List<Domain> inputs() {
                        return List.of(Domain.REAL);
                    }

                    @Override
                    public Domain output() {
                        return Domain.REAL;
                    }

                    @Override
                    public List<dev.pnn.spi.ir.ArgSpec> args() {
                        return List.of();
                    }

                    @Override
                    public dev.pnn.spi.block.Shaping shape(List<dev.pnn.spi.ir.ValueType> in, dev.pnn.spi.ir.Args a) {
                        return dev.pnn.spi.block.Shaping.Ok.of(1);
                    }
                });
            }
        };
        Catalog catalog = Catalog.of(List.of(FakePlugins.photonics(), FakePlugins.training(), p));
        Diagnostic d = expect(new PnnCompiler(catalog, ModuleSource.none()), Carets.of("^^use photonics;\n"), INTERNAL_ERROR,
                "internal compiler error: java.lang.IllegalStateException: boom");
        assertTrue(d.helps().get(0).contains("bug in pnn"));
    }

    @Test
    void e0002PluginFailure() {
        BlockType broken = new FakePlugins.Block("broken", "core", List.of(Domain.REAL), Domain.REAL, List.of(), (in, a) -> {
            throw new ArithmeticException("oops");
        });
        PnnPlugin p = new PnnPlugin() {
            @Override
            public String name() {
                return "broken-plugin";
            }

            @Override
            public List<BlockType> blocks() {
                return List.of(broken);
            }
        };
        Catalog catalog = Catalog.of(List.of(FakePlugins.photonics(), FakePlugins.training(), p));
        expect(new PnnCompiler(catalog, ModuleSource.none()), Carets.of("network N { input x : real[2]; output y = ^broken(x)^; }"),
                PLUGIN_FAILURE, "block 'broken' failed while computing its shape: java.lang.ArithmeticException: oops");
    }

    // ------------------------------------------------------------------ E01xx

    @Test
    void e0101UnreadableFile() {
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile(Path.of("no/such/file.pnn"));
        expectAt(c, UNREADABLE_FILE, 1, 1, "cannot read `no/such/file.pnn`: no such file");
        assertEquals(1, c.diagnostics().size());
    }

    @Test
    void e0102InvalidEncoding() throws Exception {
        Path f = Files.createTempFile("latin1", ".pnn");
        try {
            Files.write(f, "network N {\n  input x : real[2]; // caf\u00e9\n}".getBytes(StandardCharsets.ISO_8859_1));
            Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile(f);
            expectAt(c, INVALID_ENCODING, 2, 28, "`" + f + "` is not valid UTF-8: byte 0xE9 at offset 39 does not decode");
            assertTrue(c.render().contains("2 |   input x : real[2]; // caf\uFFFD"), c.render());
        } finally {
            Files.delete(f);
        }
    }

    @Test
    void e0103EmptyFile() {
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("empty.pnn", "");
        expectAt(c, EMPTY_FILE, 1, 1, "`empty.pnn` is empty");
        Compilation comments = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("c.pnn", "// nothing\n/* here */\n");
        expectAt(comments, EMPTY_FILE, 1, 1, "`c.pnn` declares nothing (it holds only comments)");
    }

    @Test
    void e0104UnexpectedToken() {
        expect("""
                network Net {
                    input x : real[4]^^
                    output y = relu(x);
                }
                """, UNEXPECTED_TOKEN, "expected `;`, found keyword `output`");
    }

    @Test
    void e0104ExpectedAnExpression() {
        expect("network Net { input x : real[4]; output y = relu(x +^)^; }", UNEXPECTED_TOKEN, "expected an expression, found `)`");
    }

    @Test
    void e0105InvalidCharacter() {
        expect("network Net { input x : real[4]; ^§^ }", INVALID_CHARACTER, "invalid character `§` (U+00A7)");
    }

    @Test
    void e0106UnterminatedString() {
        expect("train Net { data = digits8x8(^\"data/d.csv);^\n}\n", UNTERMINATED_STRING, "string is not closed before the end of the line");
    }

    @Test
    void e0107UnterminatedComment() {
        expect("hardware ideal = photonic_sim;\n^/*^ forgot to close\n", UNTERMINATED_COMMENT, "block comment is not closed before the end of the file");
    }

    @Test
    void e0108InvalidLiteral() {
        expect(HEADER + "train Net { data = digits8x8(\"d.csv\"); loss = cross_entropy; trainer = backprop; optimizer = adam;"
                + " on = ideal; epochs = ^1e999^; }\n", INVALID_LITERAL, "number `1e999` is too large for a double");
    }

    @Test
    void e0109TooManyErrors() {
        String src = "network N {\n" + "  §\n".repeat(80) + "}\n";
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("junk.pnn", src);
        assertEquals(51, c.diagnostics().size());
        assertEquals(TOO_MANY_ERRORS, c.diagnostics().get(50).code());
        expectAt(c, TOO_MANY_ERRORS, 52, 3, "too many syntax errors; stopped after 50");
    }

    @Test
    void e0110NestingTooDeep() {
        String src = "hardware h = photonic_sim { wavelength = " + "(".repeat(300) + "1" + ")".repeat(300) + "; }";
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("deep.pnn", src);
        assertEquals(1, c.diagnostics().size(), c.render());
        // the profile's `{` counts as one level, so the 200th `(` is the first too deep
        expectAt(c, NESTING_TOO_DEEP, 1, 42 + 199, "brackets or unary minus nested more than 200 deep");
    }

    // ------------------------------------------------------------------ E02xx

    @Test
    void e0201UnknownName() {
        Diagnostic d = expect(HEADER.replace("m = clements(s);", "m = ^clement^(s);"), UNKNOWN_NAME, "unknown block 'clement'");
        assertEquals(List.of("did you mean `clements`?"), d.helps());
    }

    @Test
    void e0201UnknownProfileSuggestsTheClosest() {
        Diagnostic d = expect(HEADER + PLAN.replace("on = ideal;", "on = ^idael^;"), UNKNOWN_NAME, "unknown hardware profile 'idael'");
        assertEquals(List.of("did you mean `ideal`?"), d.helps());
    }

    @Test
    void e0202DuplicateDefinition() {
        Diagnostic d = expect(HEADER + "network ^Net^ { input z : real[2]; output o = relu(z); }\n", DUPLICATE_DEFINITION,
                "network 'Net' is defined twice");
        assertEquals(List.of("first defined at line 2:9"), d.notes());
    }

    @Test
    void e0203UnknownArgument() {
        Diagnostic d = expect(HEADER.replace("s = modulate(x);", "s = modulate(x, ^mod^: amplitude);"), UNKNOWN_ARGUMENT,
                "block 'modulate' has no argument 'mod'");
        assertEquals(List.of("did you mean `mode`?"), d.helps());
    }

    @Test
    void e0204UnknownSetting() {
        Diagnostic d = expect(HEADER + "hardware lab = photonic_sim { ^wavelenght^ = 1.55 um; }\n", UNKNOWN_SETTING,
                "backend 'photonic_sim' has no setting 'wavelenght'");
        assertEquals(List.of("did you mean `wavelength`?"), d.helps());
    }

    @Test
    void e0205UnknownPlanKey() {
        Diagnostic d = expect(HEADER + PLAN.replace("on = ideal;", "on = ideal; ^bach^ = 64;"), UNKNOWN_PLAN_KEY,
                "unknown training-plan key 'bach'");
        assertEquals(List.of("did you mean `batch`?"), d.helps());
    }

    @Test
    void e0206ModuleNotUsed() {
        Diagnostic d = expect("network N { input x : real[2]; output y = ^modulate^(x); }", MODULE_NOT_USED,
                "block 'modulate' is in module 'photonics', which this file does not use");
        assertEquals(List.of("add `use photonics;` at the top of the file"), d.helps());
    }

    @Test
    void e0207UnknownModule() {
        Diagnostic d = expect("use ^photonix^;\nhardware h = photonic_sim;\n", UNKNOWN_MODULE, "unknown module 'photonix'");
        assertEquals(List.of("did you mean `photonics`?"), d.helps());
    }

    @Test
    void e0208WrongKindOfName() {
        expect(HEADER + PLAN.replace("on = ideal;", "on = ^Net^;"), WRONG_KIND_OF_NAME, "'Net' is a network, not a hardware profile");
    }

    @Test
    void e0209Cycle() {
        expect("network N {\n  input x : real[2];\n  ^a^ = relu(b);\n  b = relu(a);\n  output y = relu(b);\n}\n", CYCLE,
                "signals of network 'N' depend on each other in a cycle: a, b");
    }

    @Test
    void e0210MissingOutput() {
        expect("network ^N^ { input x : real[2]; y = relu(x); }", MISSING_OUTPUT, "network 'N' has no output");
    }

    @Test
    void e0211MultipleOutputs() {
        expect("network N { input x : real[2]; output y = relu(x); ^output z = tanh(x);^ }", MULTIPLE_OUTPUTS,
                "network 'N' has more than one output");
    }

    @Test
    void e0212ModuleThatCannotBeLoaded() {
        ModuleSource exploding = m -> {
            throw new java.io.UncheckedIOException(new java.io.IOException("zip file closed"));
        };
        expect(new PnnCompiler(FakePlugins.catalog(), exploding), Carets.of("use ^photonics^;\n"), MODULE_HAS_ERRORS,
                "module 'photonics' cannot be loaded: java.io.IOException: zip file closed");
    }

    @Test
    void e0212ModuleHasErrors() {
        ModuleSource broken = m -> m.equals("presets") ? Optional.of("hardware chip = photonic_sim { phase_error = gaussian(sigma: 1 nm); }")
                : Optional.empty();
        Diagnostic d = expect(new PnnCompiler(FakePlugins.catalog(), broken), Carets.of("use ^presets^;\nhardware h = photonic_sim;\n"),
                MODULE_HAS_ERRORS, "module 'presets' does not compile");
        assertEquals(List.of("presets.pnn:1:62: argument 'sigma' of noise model 'gaussian' expects an angle (rad, deg), found `1 nm` (a length)"),
                d.notes());
    }

    // ------------------------------------------------------------------ E03xx

    @Test
    void e0301ShapeMismatch() {
        expect(HEADER.replace("m = clements(s);", "m = clements(s, ^modes: 32^);"), SHAPE_MISMATCH,
                "clements with modes: 32 needs a field[32] input, got field[4]");
    }

    @Test
    void e0301ShapeMismatchOfTake() {
        Diagnostic d = expect("network N { input x : real[64]; output y = take(x, ^0..70^); }", SHAPE_MISMATCH,
                "take(0..70) needs real[71] or wider, got real[64]");
        assertEquals("inputs: real[64]", d.label());
    }

    @Test
    void e0302DomainCrossing() {
        Diagnostic d = expect(HEADER.replace("p = photodetect(m);", "p = relu(^m^);"), DOMAIN_CROSSING,
                "block 'relu' expects a real signal, but 'm' is field[4]");
        assertEquals(List.of("convert it first with `photodetect(m)`"), d.helps());
    }

    @Test
    void e0303UnknownDomain() {
        Diagnostic d = expect("network N { input x : ^feild^[4]; output y = relu(x); }", UNKNOWN_DOMAIN, "unknown domain 'feild'");
        assertEquals(List.of("did you mean `field`?"), d.helps());
    }

    @Test
    void e0304InvalidWidth() {
        expect("network N { input x : real[^0^]; output y = relu(x); }", INVALID_WIDTH,
                "width `0` of input 'x' must be a whole number from 1 to 1048576");
    }

    @Test
    void e0305SignalExpected() {
        expect("network N { input x : real[4]; output y = relu(^3^); }", SIGNAL_EXPECTED,
                "block 'relu' expects a real signal as input 1, found number `3`");
    }

    @Test
    void e0306BlockCallExpected() {
        Diagnostic d = expect("network N { input x : real[4]; output y = ^x^; }", BLOCK_CALL_EXPECTED,
                "a network statement must call a block, found name `x`");
        assertEquals(List.of("to output an existing signal write `output x;`"), d.helps());
    }

    // ------------------------------------------------------------------ E04xx

    @Test
    void e0401CapabilityMismatch() {
        Diagnostic d = expect(HEADER + PLAN.replace("trainer = backprop;", "trainer = ^ep(beta: 0.1)^;"), CAPABILITY_MISMATCH,
                "trainer 'ep' needs capability 'pnn.energy' that backend 'photonic_sim' does not provide");
        assertEquals("needs pnn.energy", d.label());
        assertEquals(List.of("photonic_sim provides pnn.forward, pnn.twin, pnn.layers, pnn.noise"), d.notes());
        assertEquals(List.of("trainers that work here: backprop, pat, sat, spsa"), d.helps());
    }

    @Test
    void e0401WrapperResolvesItsBase() {
        expect(HEADER + PLAN.replace("trainer = backprop;", "trainer = ^sat(rho: .2, base: ep)^;"), CAPABILITY_MISMATCH,
                "trainer 'sat' needs capability 'pnn.energy' that backend 'photonic_sim' does not provide");
    }

    @Test
    void e0402BlockNotSupported() {
        Diagnostic d = expect("""
                network D { input x : real[4]; output y = tanh(linear(x, out: 2)); }
                hardware e = energy_sim;
                train D { data = digits8x8("d.csv"); loss = mse; trainer = ep; on = ^e^; }
                """, BLOCK_NOT_SUPPORTED, "backend 'energy_sim' of profile 'e' cannot run block 'tanh' used by network 'D'");
        assertEquals(List.of("backends that run 'tanh': photonic_sim"), d.helps());
        assertEquals(List.of("'tanh' is used at line 1:43"), d.notes());
    }

    @Test
    void e0403NoiseRoleMismatch() {
        Diagnostic d = expect(HEADER + "hardware lab = photonic_sim { detector = ^thermal(coupling: 0.1)^; }\n", NOISE_ROLE_MISMATCH,
                "noise model 'thermal' does not fit setting 'detector': it models crosstalk, the setting takes signal");
        assertEquals(List.of("models that fit 'detector': shot_noise, adc"), d.helps());
    }

    @Test
    void e0404NoiseNotSupported() {
        expect("""
                network D { input x : real[4]; output y = relu(linear(x, out: 2)); }
                hardware e = energy_sim;
                train D { data = digits8x8("d.csv"); loss = mse; trainer = ep; on = e; evaluate = monte_carlo(^e^, devices: 3); }
                """, NOISE_NOT_SUPPORTED, "monte_carlo samples device instances, but backend 'energy_sim' of profile 'e' does not provide pnn.noise");
    }

    // ------------------------------------------------------------------ E05xx

    @Test
    void e0501UnitMismatch() {
        Diagnostic d = expect(HEADER + "hardware lab = photonic_sim { phase_error = gaussian(sigma: ^0.05 nm^); }\n", UNIT_MISMATCH,
                "argument 'sigma' of noise model 'gaussian' expects an angle (rad, deg), found `0.05 nm` (a length)");
        assertEquals("a length, not an angle", d.label());
    }

    @Test
    void e0502UnknownUnit() {
        Diagnostic d = expect(HEADER + "hardware lab = photonic_sim { phase_error = gaussian(sigma: 0.05 ^rads^); }\n", UNKNOWN_UNIT,
                "unknown unit `rads`");
        assertEquals(List.of("did you mean `rad`?"), d.helps());
    }

    @Test
    void e0503MissingArgument() {
        expect("network N { input x : real[4]; output y = ^linear(x)^; }", MISSING_ARGUMENT, "block 'linear' needs argument 'out'");
    }

    @Test
    void e0504WrongArgumentKind() {
        expect("network N { input x : real[4]; output y = linear(x, out: ^2.5^); }", WRONG_ARGUMENT_KIND,
                "argument 'out' of block 'linear' expects a whole number, found number `2.5`");
    }

    @Test
    void e0505InvalidChoice() {
        Diagnostic d = expect(HEADER.replace("s = modulate(x);", "s = modulate(x, mode: ^amplitud^);"), INVALID_CHOICE,
                "argument 'mode' of block 'modulate' must be one of amplitude, phase, found 'amplitud'");
        assertEquals(List.of("did you mean `amplitude`?"), d.helps());
    }

    @Test
    void e0506TooManyArguments() {
        expect("network N { input x : real[4]; output y = relu(x, ^3^); }", TOO_MANY_ARGUMENTS,
                "block 'relu' takes 1 positional argument, got more");
    }

    @Test
    void e0507InvalidArgumentValue() {
        expect("network N { input x : real[4]; output y = take(x, ^3..1^); }", INVALID_ARGUMENT_VALUE, "range 3..1 is empty");
    }

    // ------------------------------------------------------------------ E06xx

    @Test
    void e0601MissingPlanEntry() {
        expect(HEADER + "train ^Net^ { data = digits8x8(\"d.csv\"); trainer = backprop; optimizer = adam; on = ideal; }\n",
                MISSING_PLAN_ENTRY, "plan 'Net' has no 'loss' entry");
    }

    @Test
    void e0602InvalidPlanEntry() {
        expect(HEADER + PLAN.replace("on = ideal;", "on = ideal; epochs = ^0^;"), INVALID_PLAN_ENTRY,
                "'epochs' must be a whole number ≥ 1, found number `0`");
    }

    @Test
    void e0603NoiseExpressionExpected() {
        expect(HEADER + "hardware lab = photonic_sim { crosstalk = ^0.02^; }\n", NOISE_EXPRESSION_EXPECTED,
                "setting 'crosstalk' takes noise models, found number `0.02`");
    }

    // ------------------------------------------------------------------ warnings

    @Test
    void w0201UnusedSignal() {
        Carets marked = Carets.of("network N {\n  input x : real[4];\n  input z : real[2];\n  ^h^ = tanh(x);\n  output y = relu(x);\n}\n");
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("w.pnn", marked.source());
        assertTrue(c.ok(), c.render());
        assertEquals(List.of(UNUSED_SIGNAL, UNUSED_SIGNAL), c.diagnostics().stream().map(Diagnostic::code).toList());
        Diagnostic unusedInput = c.diagnostics().get(0), unusedSignal = c.diagnostics().get(1);
        assertEquals("input 'z' of network 'N' is never used", unusedInput.message());
        assertEquals(marked.span(), unusedSignal.span());
        assertEquals("signal 'h' of network 'N' is computed but never used", unusedSignal.message());
        assertTrue(c.render().startsWith("warning[PNN-W0201]: input 'z'"), c.render());
        assertEquals(4, c.program().orElseThrow().graph("N").orElseThrow().nodes().size(), "unused statements are still lowered");
        TESTED.add(UNUSED_SIGNAL);
    }

    @Test
    void everyCodeHasATestHere() throws Exception {
        // Run every test method of this class, then check that together they produced every code.
        for (var m : DiagnosticCodesTest.class.getDeclaredMethods())
            if (m.isAnnotationPresent(Test.class) && !m.getName().equals("everyCodeHasATestHere")) m.invoke(new DiagnosticCodesTest());
        EnumSet<DiagnosticCode> missing = EnumSet.allOf(DiagnosticCode.class);
        missing.removeAll(TESTED);
        assertEquals(EnumSet.noneOf(DiagnosticCode.class), missing);
    }

}
