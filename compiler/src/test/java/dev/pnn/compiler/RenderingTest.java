package dev.pnn.compiler;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The caret rendering, character for character, as ARCHITECTURE.md shows it. */
class RenderingTest {
    @Test
    void capabilityMismatchRendersLikeTheArchitectureExample() {
        String src = "// one extra line so that the trainer sits on line 21, as in ARCHITECTURE.md\n"
                + SamplesCompileTest.resource("samples/mzi_digits.pnn").replace("trainer   = backprop;", "trainer   = ep(beta: 0.1);");
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("samples/mzi_digits.pnn", src);
        assertEquals("""
                error[PNN-E0401]: trainer 'ep' needs capability 'pnn.energy' that backend 'photonic_sim' does not provide
                  --> samples/mzi_digits.pnn:21:17
                   |
                21 |     trainer   = ep(beta: 0.1);
                   |                 ^^^^^^^^^^^^^ needs pnn.energy
                   = note: photonic_sim provides pnn.forward, pnn.twin, pnn.layers, pnn.noise
                   = help: trainers that work here: backprop, pat, sat, spsa

                error: samples/mzi_digits.pnn: 1 error
                """, c.render());
    }
}
