package dev.pnn.spi.train;

import dev.pnn.spi.device.Device;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;

import java.util.Optional;

/** What a trainer may use. Devices are guarded: views of capabilities the trainer did not declare are refused. */
public interface TrainerContext {
    Graph graph();

    /** The device the plan trains on ({@code on = ...}): a noisy instance, an ideal simulator, or a real chip. */
    Device device();

    /**
     * An ideal digital twin of the same graph (the backend with an all-zero-noise profile), for trainers that run
     * forward on hardware but backward through a model (PAT). Empty when the backend has no twin.
     */
    Optional<Device> twin();

    Loss loss();

    /** Seed for this trainer's own randomness (derive child seeds from it). */
    long seed();

    /** Builds a nested trainer from its call ({@code sat(rho: 0.2, base: pat)} builds {@code pat}). */
    Trainer nested(Value.Call call);

    /**
     * The plan being trained, for trainers whose objective is stated in the plan itself (physics-informed
     * plans). Empty outside a plan (contract tests).
     */
    default Optional<dev.pnn.spi.ir.TrainingPlan> plan() {
        return Optional.empty();
    }

    /** Trainers report peak stored doubles here, for the method comparison (ALGORITHMS.md §13). */
    default void reportStoredDoubles(long count) {
    }
}
