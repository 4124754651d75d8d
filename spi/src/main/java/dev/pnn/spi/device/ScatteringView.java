package dev.pnn.spi.device;

import java.util.List;

/**
 * {@code pnn.scattering}: a linear scattering network (coupled resonators with ports) whose nonlinear input–output
 * map comes from writing the input into some of its parameters (Wanjura–Marquardt; ALGORITHMS.md §12). A lab can
 * set θ and an input, send coherent light into any combination of ports at the probe frequency and measure the
 * complex outgoing field at every port (homodyne detection): a_out = S(θ, x)·a_in. Every {@link #probe} counts one
 * {@link dev.pnn.spi.QueryKind#PROBE} query.
 *
 * <p>The device also says what each θ entry physically is ({@link #knobs()}), and each port's external coupling
 * rate κ_j (a calibration constant), which is what scattering backpropagation needs.
 */
@ViewOf("pnn.scattering")
public interface ScatteringView extends View {
    /** Number of ports (one per mode). */
    int ports();

    /** The port probed to compute the network's outputs. */
    int probePort();

    /** Ports whose outgoing intensities |a_out,r|² (for a unit probe at {@link #probePort()}) are the outputs. */
    int[] outputPorts();

    /** External coupling rate κ_j of port j (> 0 for every port a trained knob touches). */
    double couplingRate(int port);

    /** What each θ entry tunes, in θ order (length = θ's length). */
    List<Knob> knobs();

    /** Sends {@code a_in} (per port, split re/im) with input {@code x} applied; writes a_out at all ports. */
    void probe(double[] theta, double[] input, double[] inRe, double[] inIm, double[] outRe, double[] outIm);

    /** Probe one port with a complex amplitude. */
    default void probe(double[] theta, double[] input, int port, double ampRe, double ampIm,
                       double[] outRe, double[] outIm) {
        double[] inRe = new double[ports()], inIm = new double[ports()];
        inRe[port] = ampRe;
        inIm[port] = ampIm;
        probe(theta, input, inRe, inIm, outRe, outIm);
    }

    /** A trainable physical parameter: a mode's detuning Δ_j, a coupling J_jk between two modes, or neither. */
    record Knob(Kind kind, int mode, int other) {
        public enum Kind { DETUNING, COUPLING, OTHER }

        public static Knob detuning(int mode) {
            return new Knob(Kind.DETUNING, mode, -1);
        }

        public static Knob coupling(int j, int k) {
            return new Knob(Kind.COUPLING, j, k);
        }
    }

    /** Whether the device is reciprocal (S = Sᵀ), which the two-measurement gradient requires. */
    boolean reciprocal();
}
