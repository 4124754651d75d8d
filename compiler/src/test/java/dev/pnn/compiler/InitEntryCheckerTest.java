package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** {@code init = params("...")}: the warm-start entry's form. */
class InitEntryCheckerTest {
    static String plan(String init) {
        return """
                network Net {
                    input x : real[4];
                    output y = linear(x, out: 2);
                }
                hardware ideal = photonic_sim;
                train Net {
                    data = digits8x8("d.csv"); loss = mse; trainer = backprop; optimizer = adam; on = ideal;
                    init = %s;
                }
                """.formatted(init);
    }

    static Compilation compile(String src) {
        return new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("init.pnn", src);
    }

    @Test
    void aPathBecomesANamedCall() {
        Compilation c = compile(plan("params(\"runs/Dense/params.json\")"));
        assertTrue(c.ok(), c.render());
        assertEquals(new Value.Call("params", List.of(), Map.of("path", new Value.Str("runs/Dense/params.json"))),
                c.program().get().plans().get(0).entry("init").get());
    }

    @Test
    void anythingElseIsLocatedWithTheFormToWrite() {
        for (String bad : List.of("\"runs/Dense/params.json\"", "params(3)", "params(\"a\", \"b\")", "weights(\"a\")")) {
            String src = plan(bad);
            Compilation c = compile(src);
            assertFalse(c.ok(), bad);
            Diagnostic d = c.diagnostics().get(0);
            assertEquals(DiagnosticCode.INVALID_PLAN_ENTRY, d.code(), c.render());
            assertEquals(8, d.span().line(), c.render());
            String line = src.lines().toList().get(7);
            assertEquals(bad, line.substring(d.span().column() - 1, d.span().endColumn() - 1), c.render());
            assertTrue(d.helps().stream().anyMatch(h -> h.contains("init = params(")), c.render());
        }
    }
}
