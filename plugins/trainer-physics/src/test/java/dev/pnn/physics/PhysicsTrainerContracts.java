package dev.pnn.physics;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.TrainerContract;
import dev.pnn.testkit.TrainerProblem;

import java.util.Map;

/**
 * The testkit's trainer contract for the four physics trainers, each on a small problem of the hardware it needs
 * (the contract's default problem runs on a device without pnn.energy, pnn.echo or pnn.scattering).
 */
final class PhysicsTrainerContracts {
    private PhysicsTrainerContracts() {
    }

    static TrainerProblem problem(String description, String backend, Graph g, long seed) {
        int n = g.inputs().get(0).type().width(), k = g.outputNode().type().width(), rows = 4;
        Rng rng = Rng.derived(seed, "problem");
        Batch batch = Batch.allocate(rows, n, false, k);
        for (int i = 0; i < rows * n; i++) batch.inputs().re[i] = rng.nextDouble();
        for (int i = 0; i < rows * k; i++) batch.targets().re[i] = 0.5 * rng.nextDouble();
        return new TrainerProblem(description, g, s -> Systems.open(backend, g), s -> Systems.open(backend, g),
                Systems.HALF_SSE, batch);
    }

    static Graph resistor() {
        return Systems.single("resistor_network", 3, Map.of("nodes", Systems.num(4), "outputs", Systems.num(2),
                "element", Systems.call("cubic", Map.of("c", Systems.num(0.5)))));
    }

    static class Ep implements TrainerContract {
        public TrainerFactory trainer() {
            return PhysicsTrainers.ep();
        }

        public Map<String, Value> trainerArgs() {
            return Map.of("beta", Systems.num(0.01), "symmetric", new Value.Bool(true));
        }

        public TrainerProblem problem(long seed) {
            return PhysicsTrainerContracts.problem("cubic resistor network 3 → 2 (half_sse)", "energy_sim", resistor(), seed);
        }
    }

    static class Coupled implements TrainerContract {
        public TrainerFactory trainer() {
            return PhysicsTrainers.coupled();
        }

        public TrainerProblem problem(long seed) {
            return PhysicsTrainerContracts.problem("cubic resistor network 3 → 2 (half_sse)", "energy_sim", resistor(), seed);
        }
    }

    static class Heb implements TrainerContract {
        public TrainerFactory trainer() {
            return PhysicsTrainers.heb();
        }

        public Map<String, Value> trainerArgs() {
            return Map.of("epsilon", Systems.num(1e-4), "symmetric", new Value.Bool(true));
        }

        public TrainerProblem problem(long seed) {
            Graph g = Systems.single("kerr_lattice", 3, Map.of("sites", Systems.num(5), "steps", Systems.num(40),
                    "dt", Systems.num(0.1), "outputs", Systems.num(2), "segments", Systems.num(2)));
            return PhysicsTrainerContracts.problem("5-site Kerr lattice (half_sse)", "kerr_sim", g, seed);
        }
    }

    static class ScatteringBp implements TrainerContract {
        public TrainerFactory trainer() {
            return PhysicsTrainers.scatteringBp();
        }

        public TrainerProblem problem(long seed) {
            Graph g = Systems.single("scattering", 3, Map.of("modes", Systems.num(5), "outputs", Systems.num(2),
                    "gamma", Systems.num(0.1)));
            return PhysicsTrainerContracts.problem("5 resonators (half_sse)", "scattering_sim", g, seed);
        }
    }
}
