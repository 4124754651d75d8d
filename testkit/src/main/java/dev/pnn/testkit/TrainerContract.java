package dev.pnn.testkit;

import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

/**
 * What every trainer must satisfy; the oracle follows its declared {@link TrainerKind} (ALGORITHMS.md §3, §8):
 * <ul>
 *   <li>EXACT_GRADIENT: the §3 central-difference check and the order-2 Taylor test, and the returned loss is L(θ);</li>
 *   <li>UNBIASED_ESTIMATE: the mean of {@link #estimatorSamples()} independently seeded estimates lies within 5
 *       standard errors of ∇L in every component (on a quadratic, where Gaussian smoothing changes nothing);</li>
 *   <li>DESCENT_DIRECTION: ⟨d, ∇L⟩ &gt; 0 on a quadratic;</li>
 *   <li>DIRECT_UPDATE: {@link #descentSteps()} updates lower the loss on a sphere.</li>
 * </ul>
 * Plus: a resumed run (a fresh instance given {@code restore(state())}) continues bit-identically, determinism at a fixed seed, θ and the batch left untouched, only declared capabilities used (the device is
 * guarded as in the runtime), finite results on edge inputs. The default problem is
 * {@link TrainerProblem#linearRegression} on a reference device offering forward, twin, layers and reservoir;
 * override {@link #problem(long)} for trainers that need other capabilities (energy, echo, scattering).
 */
public interface TrainerContract {
    TrainerFactory trainer();

    /** Arguments given to the trainer (declared defaults fill the rest). */
    default Map<String, Value> trainerArgs() {
        return Map.of();
    }

    /** Factories a wrapper trainer may build through {@code context.nested(...)}. */
    default List<TrainerFactory> nestedTrainers() {
        return List.of();
    }

    /** The problem for seed {@code seed}: a sphere for DIRECT_UPDATE trainers, a general quadratic otherwise. */
    default TrainerProblem problem(long seed) {
        boolean sphere = trainer().kind() == TrainerKind.DIRECT_UPDATE;
        return TrainerProblem.linearRegression(3, 2, 6, sphere, seed);
    }

    default int estimatorSamples() {
        return 300;
    }

    default int descentSteps() {
        return 40;
    }

    default double largeInput() {
        return 1e3;
    }

    private TrainerProbe probe(long seed) {
        return new TrainerProbe(trainer(), trainerArgs(), nestedTrainers(), problem(seed), seed);
    }

    @Property(tries = 5)
    default void oracle_of_the_declared_kind_holds(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).oracle(estimatorSamples(), descentSteps());
    }

    @Property(tries = 5)
    default void deterministic_at_a_fixed_seed(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).deterministic();
    }

    @Property(tries = 3)
    default void restore_of_state_on_a_fresh_instance_continues_identically(
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).resumes(3);
    }

    @Property(tries = 5)
    default void leaves_theta_and_the_batch_untouched(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).leavesArgumentsUntouched();
    }

    @Property(tries = 3)
    default void uses_only_declared_capabilities(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).usesOnlyDeclared();
    }

    @Property(tries = 3)
    default void finite_on_edge_inputs(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(seed).finiteOnEdgeInputs(largeInput());
    }
}
