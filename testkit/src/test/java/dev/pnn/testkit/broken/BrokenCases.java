package dev.pnn.testkit.broken;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.testkit.BackendContract;
import dev.pnn.testkit.TrainerContract;

import java.util.List;

/**
 * The contracts implemented for each broken plugin, as a third party would. Named without a Test suffix so that
 * surefire does not run them directly: {@code BrokenPluginsTest} runs them through the JUnit Platform and asserts
 * that they fail, and how.
 */
public final class BrokenCases {
    private BrokenCases() {
    }

    abstract static class ToyBackendCase implements BackendContract {
        abstract Flaw flaw();

        @Override
        public Backend backend() {
            return new ToyBackend(flaw());
        }

        @Override
        public List<BlockType> blockTypes() {
            return List.of(ToyBackend.squash());
        }
    }

    abstract static class ToyTrainerCase implements TrainerContract {
        abstract Flaw flaw();

        @Override
        public TrainerFactory trainer() {
            return new ToyTrainerFactory(flaw());
        }
    }

    public static class CorrectBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.NONE; }
    }

    public static class FlippedSignBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.FLIPPED_SIGN; }
    }

    public static class OffByOnePercentBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.OFF_BY_ONE_PERCENT; }
    }

    public static class NondeterministicBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.NONDETERMINISTIC; }
    }

    public static class UndeclaredCapabilityBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.UNDECLARED_CAPABILITY; }
    }

    public static class MutatingBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.MUTATES_INPUT; }
    }

    public static class NanOnEdgeBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.NAN_ON_EDGE; }
    }

    public static class SlowAndWrongBackend extends ToyBackendCase {
        Flaw flaw() { return Flaw.SLOW_AND_WRONG; }
    }

    public static class CorrectTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.NONE; }
    }

    public static class FlippedSignTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.FLIPPED_SIGN; }
    }

    public static class OffByOnePercentTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.OFF_BY_ONE_PERCENT; }
    }

    public static class NondeterministicTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.NONDETERMINISTIC; }
    }

    public static class UndeclaredCapabilityTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.UNDECLARED_CAPABILITY; }
    }

    public static class MutatingTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.MUTATES_INPUT; }
    }

    public static class NanOnEdgeTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.NAN_ON_EDGE; }
    }

    public static class SlowAndWrongTrainer extends ToyTrainerCase {
        Flaw flaw() { return Flaw.SLOW_AND_WRONG; }
    }

    /** The correct trainer on a problem built around a backend ({@link dev.pnn.testkit.TrainerProblem#regression}). */
    public static class CorrectTrainerOnToyBackend extends ToyTrainerCase {
        Flaw flaw() { return Flaw.NONE; }

        @Override
        public dev.pnn.testkit.TrainerProblem problem(long seed) {
            var graph = dev.pnn.testkit.BlockCases.build(ToyBackend.squash(), 3, java.util.Map.of(), List.of())
                    .orElseThrow().graph();
            return dev.pnn.testkit.TrainerProblem.regression(new ToyBackend(Flaw.NONE), graph, 4, seed);
        }
    }
}
