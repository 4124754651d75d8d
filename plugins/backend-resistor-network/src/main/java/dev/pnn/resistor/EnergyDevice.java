package dev.pnn.resistor;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.DeviceBase;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;

import java.util.Arrays;
import java.util.Set;

/**
 * One simulated energy-based device. The simulation is noiseless and deterministic, so the seed only names the
 * instance. Relaxations that do not converge are an error, not a silent wrong answer.
 */
final class EnergyDevice extends DeviceBase {
    private final EnergyModel model;
    private final int inputIndex;
    private final int outputIndex;
    private final int width;
    private final ThreadLocal<NewtonRelaxer> relaxers;
    private final Energy energy = new Energy();
    private final Forward forward = new Forward();
    private final Twin twin = new Twin();

    EnergyDevice(Graph graph, HardwareProfile profile, long seed, Node block, EnergyModel model) {
        super(graph, profile, seed, EnergySimBackend.CAPABILITIES);
        this.model = model;
        this.inputIndex = graph.indexOf(block.inputs().get(0));
        this.outputIndex = graph.indexOf(block.id());
        this.width = model.inputWidth();
        this.relaxers = ThreadLocal.withInitial(() -> new NewtonRelaxer(model));
            offer(EnergyView.class, energy);
        offer(ForwardView.class, forward);
        offer(TwinView.class, twin);
    }

    EnergyModel model() {
        return model;
    }

    private EnergyView.Relaxation relaxChecked(double[] theta, double[] x, EnergyView.Nudge nudge, double[] start,
                                               double[] state) {
        EnergyView.Relaxation r = relaxers.get().relax(theta, x, nudge, start, state);
        if (!r.converged() || !Double.isFinite(r.residual()))
            throw new PnnException("the " + graph().name() + " network did not settle to equilibrium ("
                    + r.iterations() + " Newton steps, residual " + r.residual() + ")", graph().loc(),
                    "check that the parameters are finite and the conductances positive; lower the learning rate");
        return r;
    }

    private final class Energy implements EnergyView {
        @Override
        public int stateSize() {
            return model.stateSize();
        }

        @Override
        public int[] outputUnits() {
            return model.outputUnits();
        }

        @Override
        public Relaxation relax(double[] theta, double[] input, Nudge nudge, double[] start, double[] state) {
            queries().add(QueryKind.RELAX, 1);
            return relaxChecked(theta, input, nudge, start, state);
        }

        @Override
        public void energyGradient(double[] theta, double[] input, double[] state, double[] dEdTheta) {
            Arrays.fill(dEdTheta, 0.0);
            model.energyGradientTheta(theta, input, state, dEdTheta);
        }

        @Override
        public double residual(double[] theta, double[] input, Nudge nudge, double[] state) {
            return relaxers.get().residual(theta, input, nudge, state);
        }
    }

    private final class Forward implements ForwardView {
        @Override
        public void forward(double[] theta, Tensor input, Tensor output) {
            int rows = input.rows();
            output.rows(rows);
            int[] outs = model.outputUnits();
            double[] x = new double[width], s = new double[model.stateSize()];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(input.re, r * width, x, 0, width);
                relaxChecked(theta, x, EnergyView.Nudge.FREE, null, s);
                for (int k = 0; k < outs.length; k++) output.re[r * outs.length + k] = s[outs[k]];
            }
            queries().add(QueryKind.FORWARD, rows);
        }
    }

    /** Backprop through the digital model: implicit differentiation at the equilibrium (no queries counted). */
    private final class Twin implements TwinView {
        @Override
        public Tape newTape(int maxRows) {
            Object[] scratch = new Object[graph().nodes().size()];
            scratch[outputIndex] = new double[maxRows * model.stateSize()];
            return new Tape(graph(), maxRows, scratch);
        }

        @Override
        public Tensor forward(double[] theta, Tensor input, Tape tape) {
            int rows = input.rows(), n = model.stateSize();
            tape.rows(rows);
            tape.activation(inputIndex).copyFrom(input);
            Tensor out = tape.activation(outputIndex);
            double[] states = (double[]) tape.scratch(outputIndex);
            int[] outs = model.outputUnits();
            double[] x = new double[width], s = new double[n];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(input.re, r * width, x, 0, width);
                relaxChecked(theta, x, EnergyView.Nudge.FREE, null, s);
                System.arraycopy(s, 0, states, r * n, n);
                for (int k = 0; k < outs.length; k++) out.re[r * outs.length + k] = s[outs[k]];
            }
            return out;
        }

        @Override
        public void backward(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            int n = model.stateSize();
            double[] states = (double[]) tape.scratch(outputIndex);
            int[] outs = model.outputUnits();
            double[] x = new double[width], s = new double[n], lambda = new double[n];
            Tensor input = tape.activation(inputIndex);
            for (int r = 0; r < tape.rows(); r++) {
                System.arraycopy(input.re, r * width, x, 0, width);
                System.arraycopy(states, r * n, s, 0, n);
                Arrays.fill(lambda, 0.0);
                for (int k = 0; k < outs.length; k++) lambda[outs[k]] = outputGrad.re[r * outs.length + k];
                relaxers.get().solveWithHessian(theta, x, s, EnergyView.Nudge.FREE, lambda);
                model.addImplicitVjp(theta, x, s, lambda, thetaGrad);
            }
        }

        @Override
        public void backwardAt(double[] theta, Tape tape, Tensor outputGrad, double[] thetaGrad) {
            // The only recorded input of the equilibrium is the input voltage: re-settle from it, then differentiate.
            Tensor input = tape.activation(inputIndex).copy();
            forward(theta, input, tape);
            backward(theta, tape, outputGrad, thetaGrad);
        }
    }
}
