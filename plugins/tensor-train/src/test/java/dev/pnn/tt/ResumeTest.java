package dev.pnn.tt;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.TrainingListener;
import dev.pnn.runtime.TrainingOptions;
import dev.pnn.runtime.TrainingResult;
import dev.pnn.runtime.TrainingSession;
import dev.pnn.spi.ir.Program;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code pnn train --resume} end to end with the real compiler, runtime and plugins: 4 epochs straight equal 2
 * epochs, then a resumed run to 4, bit for bit, for the stateful trainers this classpath holds (tt_zo on a
 * physics-informed plan; spsa, es and cmaes fitting a tiny network to the collocation set's zero targets).
 */
class ResumeTest {
    private static final String SOURCE = """
            use tensor_train;

            network Tiny {
                input  x : real[2];
                h = tanh(linear(x, out: 3));
                output w = linear(h, out: 1);
            }

            network TinyTt {
                input  x : real[2];
                h1 = tanh(linear(x, out: 4));
                h2 = tanh(tt_linear(h1, ms: [2, 2], ns: [2, 2], ranks: [1, 2, 1]));
                output w = linear(h2, out: 1);
            }

            hardware chip = photonic_tt;

            train TinyTt as Zo {
                data        = collocation(points: 24, dims: 2, seed: 1);
                loss        = mse;
                domain      = box(S: [0, 200], t: [0, 1]);
                unknown     = u(scale: 100);
                constants   = given(K: 100, r: 0.05, sigma: 0.2, T: 1);
                residual    = d(u, t) + 0.5 * sigma^2 * S^2 * d(u, S, S) + r * S * d(u, S) - r * u;
                conditions  = [at(t: T, u: max(S - K, 0)), at(S: 0, u: 0)];
                collocation = uniform(boundary: 2, seed: 2, resample: 1);
                derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3));
                trainer     = tt_zo(queries: 2, mu: 0.01);
                optimizer   = adam(lr: 0.01);
                epochs = 4;  batch = 8;  seed = 3;
                on          = chip;
            }

            train Tiny as Spsa {
                data = collocation(points: 24, dims: 2, seed: 1);  loss = mse;
                trainer = spsa(c: 0.05, samples: 2);  optimizer = adam(lr: 0.02);
                epochs = 4;  batch = 8;  seed = 3;  on = chip;
            }

            train Tiny as Es {
                data = collocation(points: 24, dims: 2, seed: 1);  loss = mse;
                trainer = es(sigma: 0.05, pairs: 3, lr: 0.05);
                epochs = 4;  batch = 8;  seed = 3;  on = chip;
            }

            train Tiny as Cmaes {
                data = collocation(points: 24, dims: 2, seed: 1);  loss = mse;
                trainer = cmaes(sigma: 0.1);
                epochs = 4;  batch = 8;  seed = 3;  on = chip;
            }
            """;

    private static PluginManager plugins;
    private static Program program;

    @TempDir
    Path tmp;

    @BeforeAll
    static void compile() {
        plugins = PluginManager.load(List.of());
        Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile("resume.pnn", SOURCE);
        assertTrue(c.program().isPresent(), () -> c.diagnostics().toString());
        program = c.program().get();
    }

    @AfterAll
    static void close() {
        plugins.close();
    }

    private TrainingResult train(TrainingOptions o) {
        try (TrainingSession s = TrainingSession.open(plugins.catalog(), program, o)) {
            TrainingResult r = s.run(TrainingListener.NONE);
            assertTrue(r.stopped().isEmpty(), () -> r.stopped().get().getMessage());
            return r;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Zo", "Spsa", "Es", "Cmaes"})
    void four_epochs_equal_two_plus_a_resumed_two_bit_for_bit(String plan) {
        TrainingOptions base = TrainingOptions.of(tmp).withPlan(plan);
        double[] straight = train(base.withOut(tmp.resolve("straight"))).params();
        TrainingResult half = train(base.withOut(tmp.resolve("half")).withEpochs(2));
        TrainingResult rest = train(base.withResume(tmp.resolve("half")));
        assertEquals(4, rest.epochsCompleted());
        assertArrayEquals(straight, rest.params(), () -> plan + ": straight " + Arrays.toString(straight)
                                                         + " vs resumed " + Arrays.toString(rest.params()));
        // guards the test: the last two epochs moved θ, so a restarted trainer would have had room to differ
        assertFalse(Arrays.equals(half.params(), straight), plan + " did not train");
    }
}
