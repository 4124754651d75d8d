package dev.pnn.physics;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each physics trainer declares only its own capability, so the real compiler refuses it, at the trainer line, on
 * a backend without it, and accepts it on the backend that has it.
 */
class CapabilityRefusalTest {
    static final String SOURCE = """
            use physics;
            network Net {
                input x : real[4];
                output y = %s;
            }
            hardware hw = %s;
            train Net {
                data = digits8x8("data/digits8x8.csv.gz");
                loss = half_sse;
                trainer = %s;
                optimizer = adam(lr: 0.01);
                epochs = 1; batch = 8; seed = 0;
                on = hw;
            }
            """;

    static Compilation compile(String block, String backend, String trainer) {
        try (PluginManager plugins = PluginManager.load(List.of())) {
            return new PnnCompiler(plugins.catalog(), plugins.modules())
                    .compile("t.pnn", String.format(SOURCE, block, backend, trainer));
        }
    }

    @Test
    void physicsTrainersAreRefusedWithoutTheirCapability() {
        String kerr = "kerr_lattice(x, sites: 6, outputs: 2)";
        String resistor = "resistor_network(x, nodes: 5, outputs: 2)";
        String scatter = "scattering(x, modes: 6, outputs: 2)";
        assertRefused(compile(kerr, "kerr_sim", "ep(beta: 0.1)"), "pnn.energy");
        assertRefused(compile(kerr, "kerr_sim", "coupled(eta: 0.1)"), "pnn.energy");
        assertRefused(compile(resistor, "energy_sim", "heb"), "pnn.echo");
        assertRefused(compile(resistor, "energy_sim", "scattering_bp"), "pnn.scattering");
        assertRefused(compile(scatter, "scattering_sim", "heb"), "pnn.echo");
        assertTrue(compile(resistor, "energy_sim", "ep(beta: 0.1)").ok());
        assertTrue(compile(kerr, "kerr_sim", "heb(epsilon: 0.001)").ok());
        assertTrue(compile(scatter, "scattering_sim", "scattering_bp").ok());
        assertTrue(compile(scatter, "scattering_sim", "backprop").ok(), "every backend has a twin for backprop");
    }

    static void assertRefused(Compilation c, String capability) {
        assertFalse(c.ok());
        String text = c.render();
        assertTrue(text.contains(capability) && text.contains("trainer"), text);
    }
}
