package dev.pnn.spi.device;

/**
 * {@code pnn.energy}: a system that settles at the minimum of an energy E(s; θ, x) (ALGORITHMS.md §10), such as a
 * resistive network (the energy is its co-content) or a Hopfield-style network. What a lab can do with it: let it
 * relax with the inputs applied, optionally while weakly pushing the outputs toward a target (nudging, e.g. a
 * current β(t − v_out) injected through a resistor of conductance β to a target voltage) or holding the outputs
 * at given values (clamping); then measure, locally at every element, ∂E/∂θ (e.g. the squared branch voltage of
 * each resistor, ½Δv²). Each {@link #relax} counts one {@link dev.pnn.spi.QueryKind#RELAX} query; reading the
 * state and the local derivatives does not.
 *
 * <p>States are the values of the free units (node voltages, neuron activities) in the device's own order;
 * {@link #outputUnits()} says which of them are read as the network's outputs.
 */
@ViewOf("pnn.energy")
public interface EnergyView extends View {
    /** Number of free units in a state vector. */
    int stateSize();

    /** Positions of the output units within a state, in output order. */
    int[] outputUnits();

    /**
     * Relaxes to the (constrained) minimum of the total energy and writes the state. {@code start} is where the
     * relaxation starts (null: the device's rest state); start nudged phases from the free state, since a
     * non-convex energy could otherwise settle in another basin.
     */
    Relaxation relax(double[] theta, double[] input, Nudge nudge, double[] start, double[] state);

    /** Writes ∂E/∂θ at {@code state} into {@code dEdTheta} (length = θ's length; zero where E does not depend). */
    void energyGradient(double[] theta, double[] input, double[] state, double[] dEdTheta);

    /** Largest absolute equilibrium residual |∂F/∂s| over the free (unclamped) units at {@code state}. */
    double residual(double[] theta, double[] input, Nudge nudge, double[] state);

    /** Copies the output units of {@code state} into {@code out}. */
    default void readOutputs(double[] state, double[] out) {
        int[] o = outputUnits();
        for (int k = 0; k < o.length; k++) out[k] = state[o[k]];
    }

    /** How the outputs are acted on during a relaxation. */
    sealed interface Nudge {
        /** Free phase: only the inputs act. */
        record Free() implements Nudge {
        }

        /**
         * Total energy F = E + β·½‖s_out − target‖² (β may be negative, for symmetric estimates). In a resistive
         * network this is the current β(target − v_out) injected at every output node.
         */
        record Toward(double beta, double[] target) implements Nudge {
        }

        /** Output units held at {@code values} (clamped phase of coupled learning). */
        record Clamp(double[] values) implements Nudge {
        }

        Free FREE = new Free();
    }

    /**
     * What a relaxation reports: Newton (or optimizer) iterations, the final residual max|∂F/∂s| and whether it
     * met the device's tolerance.
     */
    record Relaxation(int iterations, double residual, boolean converged) {
    }
}
