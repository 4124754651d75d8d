package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.spi.Capability;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The physics-informed plan keys (found through ServiceLoader): forms, names, derivative orders, dimensions. */
class PdeEntryCheckerTest {
    static final String NET = """
            network Net {
                input x : real[2];
                h = tanh(linear(x, out: 4));
                output w = linear(h, out: 1);
            }
            hardware ideal = photonic_sim;
            """;

    static String plan(String residual, String extra) {
        return NET + "train Net {\n"
                + "    data = digits8x8(\"d.csv\"); loss = mse; trainer = pde_zo; optimizer = adam; on = ideal;\n"
                + "    domain = box(S: [0, 200], t: [0, 1]);\n"
                + "    unknown = u(scale: 100);\n"
                + "    constants = given(K: 100, r: 0.05, sigma: 0.2, T: 1);\n"
                + "    residual = " + residual + ";\n"
                + "    conditions = [at(t: T, u: max(S - K, 0), weight: 10), at(S: 0, u: 0)];\n"
                + "    derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));\n"
                + extra
                + "}\n";
    }

    static final String BS = "d(u, t) + 0.5 * sigma^2 * S^2 * d(u, S, S) + r * S * d(u, S) - r * u";

    /** The fake plugins plus a trainer that reads the PDE keys (as tt_zo and pinn_backprop do). */
    static Compilation compile(String src) {
        PnnPlugin pde = new PnnPlugin() {
            public String name() {
                return "fake-pde";
            }

            public List<TrainerFactory> trainers() {
                return List.of(new TrainerFactory() {
                    public String name() { return "pde_zo"; }
                    public Set<Capability> requires() { return Set.of(Capability.FORWARD); }
                    public TrainerKind kind() { return TrainerKind.UNBIASED_ESTIMATE; }
                    public List<ArgSpec> args() { return List.of(); }
                    public Trainer create(Args args, TrainerContext context) { throw new UnsupportedOperationException(); }
                    public Set<String> readsPlanKeys() { return Set.of("residual", "conditions"); }
                });
            }
        };
        Catalog catalog = Catalog.of(List.of(FakePlugins.photonics(), FakePlugins.training(), pde));
        return new PnnCompiler(catalog, ModuleSource.none()).compile("pde.pnn", src);
    }

    @Test
    void aTrainerThatIgnoresThePdeKeysIsRefusedAtTheTrainerAndTheOnesThatReadThemAreNamed() {
        String src = plan(BS, "").replace("trainer = pde_zo;", "trainer = backprop;");
        Diagnostic d = only(compile(src), DiagnosticCode.INVALID_PLAN_ENTRY);
        assertTrue(d.message().startsWith("trainer 'backprop' does not read the physics-informed keys"), d.message());
        at(src, d, "backprop");
        assertTrue(d.helps().stream().anyMatch(h -> h.equals("trainers that solve PDE plans: pde_zo")), d.toString());
    }

    @Test
    void blackScholesPlanCompilesToFormulaValues() {
        Compilation c = compile(plan(BS, ""));
        assertTrue(c.ok(), c.render());
        TrainingPlan p = c.program().get().plans().get(0);
        assertInstanceOf(Value.Op.class, p.entry("residual").get());
        assertEquals("(((d(u, t) + (((0.5 * (sigma ^ 2)) * (S ^ 2)) * d(u, S, S))) + ((r * S) * d(u, S))) - (r * u))",
                p.entry("residual").get().toString());
        assertInstanceOf(Value.ListV.class, p.entry("conditions").get());
    }

    private static Diagnostic only(Compilation c, DiagnosticCode code) {
        assertFalse(c.ok());
        assertEquals(List.of(code), c.diagnostics().stream().map(Diagnostic::code).toList(), c.render());
        return c.diagnostics().get(0);
    }

    private static void at(String src, Diagnostic d, String marked) {
        String line = src.lines().toList().get(d.span().line() - 1);
        assertEquals(marked, line.substring(d.span().column() - 1, d.span().endColumn() - 1));
    }

    @Test
    void unknownDerivativeOrderIsLocatedAtTheCall() {
        String src = plan(BS + " + d(u, S, S, t)", "");
        Diagnostic d = only(compile(src), DiagnosticCode.INVALID_PLAN_ENTRY);
        assertTrue(d.message().startsWith("derivative order 3 is not supported"), d.message());
        at(src, d, "d(u, S, S, t)");
    }

    @Test
    void unknownVariableInADerivativeSuggestsTheClosest() {
        String src = plan(BS + " + d(u, s)", "");
        Diagnostic d = only(compile(src), DiagnosticCode.UNKNOWN_NAME);
        at(src, d, "s");
        assertTrue(d.helps().stream().anyMatch(h -> h.contains("`S`")), d.toString());
    }

    @Test
    void unknownConstantAndFunction() {
        String src = plan(BS + " - q * u", "");
        at(src, only(compile(src), DiagnosticCode.UNKNOWN_NAME), "q");
        String src2 = plan(BS + " + erf(S)", "");
        at(src2, only(compile(src2), DiagnosticCode.UNKNOWN_NAME), "erf");
    }

    @Test
    void dimensionsOfTheNetworkMustMatchTheDomain() {
        String src = plan(BS, "").replace("input x : real[2]", "input x : real[3]");
        Diagnostic d = only(compile(src), DiagnosticCode.INVALID_PLAN_ENTRY);
        assertTrue(d.message().contains("the domain has 2 variables (S, t)"), d.message());
        at(src, d, "box(S: [0, 200], t: [0, 1])");
        String src2 = plan(BS, "").replace("out: 1", "out: 2");
        assertTrue(only(compile(src2), DiagnosticCode.INVALID_PLAN_ENTRY).message().contains("solves for one unknown"));
    }

    @Test
    void onlyLevelThreeSparseGridAndUnknownFaceVariable() {
        String src = plan(BS, "").replace("level: 3", "level: 5");
        at(src, only(compile(src), DiagnosticCode.INVALID_PLAN_ENTRY), "5");
        String src2 = plan(BS, "").replace("at(S: 0, u: 0)", "at(X: 0, u: 0)");
        Compilation c = compile(src2);
        assertTrue(c.diagnostics().stream().anyMatch(x -> x.code() == DiagnosticCode.UNKNOWN_NAME && x.message().contains("'X'")), c.render());
    }

    @Test
    void theUnknownIsNotAllowedInConditionsAndAPdePlanNeedsAResidual() {
        String src = plan(BS, "").replace("u: max(S - K, 0)", "u: max(u, 0)");
        at(src, only(compile(src), DiagnosticCode.INVALID_PLAN_ENTRY), "u");
        String noResidual = plan(BS, "").replace("    residual = " + BS + ";\n", "");
        assertEquals(DiagnosticCode.MISSING_PLAN_ENTRY, only(compile(noResidual), DiagnosticCode.MISSING_PLAN_ENTRY).code());
    }

    static final String FORM = "S / 200 * (200 - K * exp(-r * (T - t))) + S / 200 * (1 - S / 200) * net";

    @Test
    void aFormOfTheUnknownIsAFormulaInTheVariablesConstantsAndNet() {
        Compilation ok = compile(plan(BS, "").replace("unknown = u(scale: 100);", "unknown = u(scale: 100, form: " + FORM + ");"));
        assertTrue(ok.ok(), ok.render());
        String selfRef = plan(BS, "").replace("unknown = u(scale: 100);", "unknown = u(scale: 100, form: 2 * u);");
        Diagnostic d = only(compile(selfRef), DiagnosticCode.INVALID_PLAN_ENTRY);
        assertTrue(d.message().startsWith("the unknown 'u' cannot appear in the form of u"), d.message());
        at(selfRef, d, "u");
        String typo = plan(BS, "").replace("unknown = u(scale: 100);", "unknown = u(scale: 100, form: S * nett);");
        Diagnostic t = only(compile(typo), DiagnosticCode.UNKNOWN_NAME);
        at(typo, t, "nett");
        assertTrue(t.helps().stream().anyMatch(h -> h.contains("`net`")), t.toString());
        String jets = plan(BS, "").replace("unknown = u(scale: 100);", "unknown = u(scale: 100, form: " + FORM + ");")
                .replace("derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));", "derivatives = autodiff;");
        Diagnostic j = only(compile(jets), DiagnosticCode.INVALID_PLAN_ENTRY);
        assertTrue(j.message().startsWith("a form for the unknown needs Stein derivatives"), j.message());
        at(jets, j, FORM);
    }
}
