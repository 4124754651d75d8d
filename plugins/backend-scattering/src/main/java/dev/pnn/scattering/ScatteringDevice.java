package dev.pnn.scattering;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.DeviceBase;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** One simulated scattering network (noiseless, coherent detection at every port). */
final class ScatteringDevice extends DeviceBase {
    private final int inputIndex;
    private final int outputIndex;
    private final int width;
    private final int n;
    private final int probe;
    private final int[] outputs;
    private final int dOff;
    private final int cOff;
    private final double inputScale;
    private final double[] kappa;
    private final double flux;
    private final List<ScatteringView.Knob> knobs;
    private final ThreadLocal<ScatteringModel> models;
    private final ThreadLocal<double[]> detunings;
    private final Probe probeView = new Probe();
    private final Forward forward = new Forward();
    private final Twin twin = new Twin();

    ScatteringDevice(Graph graph, HardwareProfile profile, long seed, Node block) {
        super(graph, profile, seed, ScatteringBackend.CAPABILITIES);
        Args a = block.args();
        this.inputIndex = graph.indexOf(block.inputs().get(0));
        this.outputIndex = graph.indexOf(block.id());
        this.width = graph.nodes().get(inputIndex).type().width();
        this.n = a.integer("modes", 8);
        int outs = a.integer("outputs", 2);
        this.outputs = new int[outs];
        for (int k = 0; k < outs; k++) outputs[k] = n - outs + k;
        this.probe = a.integer("probe", 0);
        this.dOff = block.paramOffset();
        this.cOff = dOff + n;
        this.inputScale = a.number("input_scale", 1.0);
        double tap = a.number("tap", 0.0);
        this.kappa = new double[n];
        for (int j = 0; j < n; j++) {
            boolean port = j == probe || j >= n - outs;
            kappa[j] = tap > 0 && !port ? tap : a.number("kappa", 1.0);
        }
        this.flux = a.number("flux", 0.0);
        int[][] edges = ScatteringBlock.edges(n, a.symbol("topology", "all"));
        List<ScatteringView.Knob> k = new ArrayList<>();
        for (int j = 0; j < dOff; j++) k.add(new ScatteringView.Knob(ScatteringView.Knob.Kind.OTHER, -1, -1));
        for (int j = 0; j < n; j++) k.add(ScatteringView.Knob.detuning(j));
        for (int[] e : edges) k.add(ScatteringView.Knob.coupling(e[0], e[1]));
        this.knobs = List.copyOf(k);
        double[] kap = kappa.clone(), gam = new double[n];
        Arrays.fill(gam, a.number("gamma", 0.0));
        double omega = a.number("omega", 0.0);
        this.models = ThreadLocal.withInitial(() -> new ScatteringModel(n, edges, kap, gam, omega, flux));
        this.detunings = ThreadLocal.withInitial(() -> new double[n]);
            offer(ScatteringView.class, probeView);
        offer(ForwardView.class, forward);
        offer(TwinView.class, twin);
    }

    /** Δ_j = θ_j + input_scale·x_j on the input modes, θ_j elsewhere. */
    private double[] detuning(double[] theta, double[] x, int xOff) {
        double[] d = detunings.get();
        for (int j = 0; j < n; j++) d[j] = theta[dOff + j] + (j < width ? inputScale * x[xOff + j] : 0);
        return d;
    }

    private final class Probe implements ScatteringView {
        @Override
        public int ports() {
            return n;
        }

        @Override
        public int probePort() {
            return probe;
        }

        @Override
        public int[] outputPorts() {
            return outputs.clone();
        }

        @Override
        public double couplingRate(int port) {
            return kappa[port];
        }

        @Override
        public List<Knob> knobs() {
            return knobs;
        }

        @Override
        public boolean reciprocal() {
            return flux == 0;
        }

        @Override
        public void probe(double[] theta, double[] input, double[] inRe, double[] inIm, double[] outRe, double[] outIm) {
            queries().add(QueryKind.PROBE, 1);
            models.get().scatter(detuning(theta, input, 0), 0, theta, cOff, inRe, inIm, outRe, outIm);
        }
    }

    private final class Forward implements ForwardView {
        @Override
        public void forward(double[] theta, Tensor input, Tensor output) {
            forwardUncounted(theta, input, output);
            queries().add(QueryKind.FORWARD, input.rows());
        }

        void forwardUncounted(double[] theta, Tensor input, Tensor output) {
            int rows = input.rows();
            output.rows(rows);
            double[] inRe = new double[n], inIm = new double[n], re = new double[n], im = new double[n];
            inRe[probe] = 1;
            for (int r = 0; r < rows; r++) {
                models.get().scatter(detuning(theta, input.re, r * width), 0, theta, cOff, inRe, inIm, re, im);
                for (int k = 0; k < outputs.length; k++) {
                    int o = outputs[k];
                    output.re[r * outputs.length + k] = re[o] * re[o] + im[o] * im[o];
                }
            }
        }
    }

    /**
     * Backprop through the same linear model: the exact derivatives ∂S_rp/∂Δ_j = (i/κ_j)G_rj·G_jp and
     * ∂S_rp/∂J_jk = (i/√(κ_jκ_k))(G_rj·G_kp·e^{iφ} + G_rk·G_jp·e^{−iφ}) (G = S − I), valid with or without
     * reciprocity, contracted with the output weights by reverse mode: one solve with M for G_{:,p} and one with
     * Mᵀ for Σ_r c_r·G_rj (no reciprocity assumed).
     */
    private final class Twin implements TwinView {
        @Override
        public Tape newTape(int maxRows) {
            return new Tape(graph(), maxRows, new Object[graph().nodes().size()]);
        }

        @Override
        public Tensor forward(double[] theta, Tensor input, Tape tape) {
            tape.rows(input.rows());
            tape.activation(inputIndex).copyFrom(input);
            Tensor out = tape.activation(outputIndex);
            ScatteringDevice.this.forward.forwardUncounted(theta, input, out);
            return out;
        }

        @Override
        public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            Tensor input = tape.activation(inputIndex);
            double[] gpRe = new double[n], gpIm = new double[n], cRe = new double[n], cIm = new double[n];
            double[] aRe = new double[n], aIm = new double[n];
            double c = Math.cos(flux), s = Math.sin(flux);
            for (int r = 0; r < tape.rows(); r++) {
                int row = r;
                // a = Gᵀc with c_o = (∂L/∂P_o)·conj(S_op) on the output ports (S_op = G_op since p is no output)
                models.get().adjoint(detuning(theta, input.re, r * width), 0, theta, cOff, probe, gpRe, gpIm,
                        (gRe, gIm) -> {
                            Arrays.fill(cRe, 0.0);
                            Arrays.fill(cIm, 0.0);
                            for (int k = 0; k < outputs.length; k++) {
                                int o = outputs[k];
                                double d = outputGrad.re[row * outputs.length + k];
                                cRe[o] = d * gRe[o];
                                cIm[o] = -d * gIm[o];
                            }
                        }, cRe, cIm, aRe, aIm);
                for (int j = 0; j < n; j++) {
                    double zi = aRe[j] * gpIm[j] + aIm[j] * gpRe[j];  // Im(a_j·G_jp)
                    thetaGrad[dOff + j] += -2 * zi / kappa[j];        // 2Re(i·z/κ) = −2Im(z)/κ
                }
                for (int e = 0; e < knobs.size() - cOff; e++) {
                    ScatteringView.Knob kb = knobs.get(cOff + e);
                    int j = kb.mode(), k = kb.other();
                    double z1r = aRe[j] * gpRe[k] - aIm[j] * gpIm[k], z1i = aRe[j] * gpIm[k] + aIm[j] * gpRe[k]; // a_j·G_kp
                    double z2r = aRe[k] * gpRe[j] - aIm[k] * gpIm[j], z2i = aRe[k] * gpIm[j] + aIm[k] * gpRe[j]; // a_k·G_jp
                    double zi = (z1r * s + z1i * c) + (-z2r * s + z2i * c);  // Im(z1·e^{iφ} + z2·e^{−iφ})
                    thetaGrad[cOff + e] += -2 * zi / Math.sqrt(kappa[j] * kappa[k]);
                }
            }
        }

        @Override
        public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            backward(theta, tape, outputGrad, thetaGrad); // S depends only on θ and the recorded input
        }
    }
}
