package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The architecture sample with random edits (characters deleted, inserted, or swapped for tokens of the language):
 * the compiler returns either a program or located diagnostics, never an exception or an internal error.
 */
class CompilerFuzzProperties {
    static final String SAMPLE = SamplesCompileTest.resource("samples/architecture.pnn");
    static final PnnCompiler COMPILER = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none());

    record Edit(int position, int delete, String insert) {
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<String> inserts = Arbitraries.oneOf(
                Arbitraries.of("", ";", "{", "}", "(", ")", ",", ":", "=", "..", "^", "-", "\"", "/*", "//", "%", " rad", "1e4",
                        "clements", "output", "train", "use", "hardware", "network", "input", "as", "[", "]", "\n", "\t", "§", "\u0000"),
                Arbitraries.strings().ofMaxLength(4));
        return Combinators.combine(Arbitraries.integers().between(0, SAMPLE.length()), Arbitraries.integers().between(0, 6), inserts)
                .as(Edit::new).list().ofMinSize(1).ofMaxSize(4);
    }

    @Property(tries = 150)
    void editedSourceNeverCrashesTheCompiler(@ForAll("edits") List<Edit> edits) {
        StringBuilder sb = new StringBuilder(SAMPLE);
        for (Edit e : edits) {
            int at = Math.min(e.position(), sb.length());
            sb.delete(at, Math.min(sb.length(), at + e.delete()));
            sb.insert(at, e.insert());
        }
        Compilation c = COMPILER.compile("fuzz.pnn", sb.toString());
        for (Diagnostic d : c.diagnostics())
            assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR || d.code() == DiagnosticCode.PLUGIN_FAILURE, c.render());
        assertTrue(c.ok() || !c.diagnostics().isEmpty());
        assertTrue(c.ok() == c.program().isPresent());
        c.render();
    }
}
