package dev.pnn.kerr;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.DeviceBase;
import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;

import java.util.Arrays;
import java.util.Set;

/** One simulated Kerr lattice. Lossless and noiseless, so the echo retraces the forward pass exactly. */
final class KerrDevice extends DeviceBase {
    private final int inputIndex;
    private final int outputIndex;
    private final int width;
    private final int sites;
    private final int[] outputs;
    private final int offset;
    private final double inputScale;
    private final ThreadLocal<KerrLattice> lattices;
    private final Echo echo = new Echo();
    private final Forward forward = new Forward();
    private final Twin twin = new Twin();

    KerrDevice(Graph graph, HardwareProfile profile, long seed, Node block) {
        super(graph, profile, seed, KerrBackend.CAPABILITIES);
        Args a = block.args();
        this.inputIndex = graph.indexOf(block.inputs().get(0));
        this.outputIndex = graph.indexOf(block.id());
        this.width = graph.nodes().get(inputIndex).type().width();
        this.sites = a.integer("sites", 16);
        int outs = a.integer("outputs", 2);
        this.outputs = new int[outs];
        boolean spread = a.symbol("readout", "end").equals("spread");
        for (int k = 0; k < outs; k++) outputs[k] = spread ? (int) ((k + 0.5) * sites / outs) : sites - outs + k;
        this.offset = block.paramOffset();
        this.inputScale = a.number("input_scale", 1.0);
        int steps = a.integer("steps", 200), segments = a.integer("segments", 1);
        double dt = a.number("dt", 0.05), g = a.number("g", 0.8), coupling = a.number("coupling", 1.0);
        this.lattices = ThreadLocal.withInitial(() -> new KerrLattice(sites, steps, segments, dt, g, coupling));
            offer(EchoView.class, echo);
        offer(ForwardView.class, forward);
        offer(TwinView.class, twin);
    }

    private void launch(double[] x, int xOff, double[] re, double[] im) {
        Arrays.fill(re, 0.0);
        Arrays.fill(im, 0.0);
        for (int j = 0; j < width; j++) re[j] = inputScale * x[xOff + j];
    }

    private final class Echo implements EchoView {
        @Override
        public int modes() {
            return sites;
        }

        @Override
        public int[] outputModes() {
            return outputs.clone();
        }

        @Override
        public Wave launch(double[] theta, double[] input) {
            return new LatticeWave(theta.clone(), input);
        }
    }

    /** (a, π) of one experiment; θ is the learning field, frozen for the passes (heavy-field limit of §11). */
    private final class LatticeWave implements EchoView.Wave {
        private final double[] theta;
        private final double[] re = new double[sites];
        private final double[] im = new double[sites];
        private final double[] pi;
        /** Odd number of time reversals so far: the field schedule plays backward. */
        private boolean reversed;

        LatticeWave(double[] theta, double[] input) {
            this.theta = theta;
            this.pi = new double[theta.length];
            KerrDevice.this.launch(input, 0, re, im);
        }

        @Override
        public void evolve() {
            queries().add(QueryKind.ECHO, 1);
            lattices.get().evolve(theta, offset, re, im, pi, offset, null, 0, reversed);
        }

        @Override
        public void inject(double[] deltaRe, double[] deltaIm) {
            for (int j = 0; j < sites; j++) {
                re[j] += deltaRe[j];
                im[j] += deltaIm[j];
            }
        }

        @Override
        public void timeReverse() {
            for (int j = 0; j < sites; j++) im[j] = -im[j];
            for (int j = 0; j < pi.length; j++) pi[j] = -pi[j];
            reversed = !reversed;
        }

        @Override
        public void readWave(double[] outRe, double[] outIm) {
            System.arraycopy(re, 0, outRe, 0, sites);
            System.arraycopy(im, 0, outIm, 0, sites);
        }

        @Override
        public void readMomentum(double[] out) {
            System.arraycopy(pi, 0, out, 0, pi.length);
        }
    }

    private final class Forward implements ForwardView {
        @Override
        public void forward(double[] theta, Tensor input, Tensor output) {
            int rows = input.rows();
            output.rows(rows);
            double[] re = new double[sites], im = new double[sites];
            KerrLattice lattice = lattices.get();
            for (int r = 0; r < rows; r++) {
                launch(input.re, r * width, re, im);
                lattice.evolve(theta, offset, re, im, null, 0, null, 0, false);
                for (int k = 0; k < outputs.length; k++) {
                    int m = outputs[k];
                    output.re[r * outputs.length + k] = re[m] * re[m] + im[m] * im[m];
                }
            }
            queries().add(QueryKind.FORWARD, rows);
        }
    }

    /** Reverse mode through the same discrete map; keeps every step's wave per row on the tape. */
    private final class Twin implements TwinView {
        private record Scratch(double[] trajectories, double[] finals) {
        }

        @Override
        public Tape newTape(int maxRows) {
            KerrLattice l = lattices.get();
            Object[] scratch = new Object[graph().nodes().size()];
            scratch[outputIndex] = new Scratch(new double[maxRows * l.steps * 2 * sites], new double[maxRows * 2 * sites]);
            return new Tape(graph(), maxRows, scratch);
        }

        @Override
        public Tensor forward(double[] theta, Tensor input, Tape tape) {
            int rows = input.rows();
            tape.rows(rows);
            tape.activation(inputIndex).copyFrom(input);
            Tensor out = tape.activation(outputIndex);
            Scratch s = (Scratch) tape.scratch(outputIndex);
            KerrLattice lattice = lattices.get();
            int per = lattice.steps * 2 * sites;
            double[] re = new double[sites], im = new double[sites];
            for (int r = 0; r < rows; r++) {
                launch(input.re, r * width, re, im);
                lattice.evolve(theta, offset, re, im, null, 0, s.trajectories, r * per, false);
                System.arraycopy(re, 0, s.finals, r * 2 * sites, sites);
                System.arraycopy(im, 0, s.finals, r * 2 * sites + sites, sites);
                for (int k = 0; k < outputs.length; k++) {
                    int m = outputs[k];
                    out.re[r * outputs.length + k] = re[m] * re[m] + im[m] * im[m];
                }
            }
            return out;
        }

        @Override
        public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            Scratch s = (Scratch) tape.scratch(outputIndex);
            KerrLattice lattice = lattices.get();
            int per = lattice.steps * 2 * sites;
            double[] bRe = new double[sites], bIm = new double[sites];
            double[] w1 = new double[sites], w2 = new double[sites], w3 = new double[sites], w4 = new double[sites];
            for (int r = 0; r < tape.rows(); r++) {
                Arrays.fill(bRe, 0.0);
                Arrays.fill(bIm, 0.0);
                for (int k = 0; k < outputs.length; k++) {
                    int m = outputs[k];
                    double dP = outputGrad.re[r * outputs.length + k];
                    bRe[m] = 2 * dP * s.finals[r * 2 * sites + m];          // ā = 2a·∂L/∂P
                    bIm[m] = 2 * dP * s.finals[r * 2 * sites + sites + m];
                }
                lattice.backward(theta, offset, s.trajectories, r * per, bRe, bIm, thetaGrad, w1, w2, w3, w4);
            }
        }

        @Override
        public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            // The wave's only recorded input is the launch: replay the pass from it, then reverse.
            Tensor input = tape.activation(inputIndex).copy();
            forward(theta, input, tape);
            backward(theta, tape, outputGrad, thetaGrad);
        }
    }
}
