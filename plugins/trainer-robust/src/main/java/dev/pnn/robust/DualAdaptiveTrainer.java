package dev.pnn.robust;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

import java.util.Arrays;

/**
 * DAT, dual adaptive training (ALGORITHMS.md §4, seed 002's baseline), in its output-level form: the twin is
 * f_m = f_ideal + r_ψ with an affine residual r_ψ(y) = W·[y; 1] on the network output, fit by (ridge) least squares
 * to (f_ideal(x; θ), a_p − f_ideal(x; θ)). For the first {@code warmup} steps it trains exactly like PAT while
 * accumulating the fit (seed 002: PAT while the error networks train unused); then ψ is frozen and the output error
 * ā at the measured output is pulled back through (I + ∂r/∂y)ᵀ before the twin's VJPs at the measured activations.
 *
 * <p>[choice] Seed 002 uses six mini-UNets per layer; an affine residual on the output is the form whose oracle §4
 * states (an exact affine output distortion is then corrected exactly). A residual between inner nodes would need a
 * per-node VJP that {@link TwinView} does not offer.
 */
final class DualAdaptiveTrainer implements GradientTrainer {
    private final Graph graph;
    private final LayersView physical;
    private final TwinView twin;
    private final Loss loss;
    private final int warmup;
    private final double ridge;
    private final int k;
    private final int outputNode;

    private final double[] zz;   // Σ z zᵀ, z = [y; 1], (k+1)²
    private final double[] zr;   // Σ z rᵀ, (k+1)×k
    private double[] w;          // fitted W as (k+1)×k: r_j = Σ_i z_i w[i·k + j]; null until fitted
    private int steps;

    private Tape physicalTape, twinTape, idealTape;
    private Tensor outputGrad;

    DualAdaptiveTrainer(Graph graph, LayersView physical, TwinView twin, Loss loss, int warmup, double ridge) {
        this.graph = graph;
        this.physical = physical;
        this.twin = twin;
        this.loss = loss;
        this.warmup = warmup;
        this.ridge = ridge;
        this.outputNode = graph.indexOf(graph.output());
        this.k = graph.nodes().get(outputNode).type().width();
        this.zz = new double[(k + 1) * (k + 1)];
        this.zr = new double[(k + 1) * k];
    }

    boolean fitted() {
        return w != null;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        int n = batch.size();
        ensureCapacity(n);
        physicalTape.rows(n);
        Tensor measured = physical.forwardAll(theta, batch.inputs(), physicalTape);
        outputGrad.rows(n);
        double value = loss.evaluate(measured, batch, outputGrad);
        if (w == null) {
            accumulate(theta, batch, measured);
            if (++steps >= warmup) solve();
        } else {
            pullThroughResidual(n);
        }
        twinTape.rows(n);
        for (int i = 0; i < graph.nodes().size(); i++) twinTape.activation(i).copyFrom(physicalTape.activation(i));
        Arrays.fill(grad, 0.0);
        twin.backwardAt(theta, twinTape, outputGrad, grad);
        return value;
    }

    /**
     * The warm-up count, the accumulated normal equations and, once fitted, the residual model W:
     * {@code [steps, fitted, zz…, zr…, W… (when fitted)]}, doubles as raw bits.
     */
    @Override
    public long[] state() {
        int base = 2 + zz.length + zr.length;
        long[] s = new long[base + (w == null ? 0 : w.length)];
        s[0] = steps;
        s[1] = w == null ? 0 : 1;
        for (int i = 0; i < zz.length; i++) s[2 + i] = Double.doubleToRawLongBits(zz[i]);
        for (int i = 0; i < zr.length; i++) s[2 + zz.length + i] = Double.doubleToRawLongBits(zr[i]);
        if (w != null) for (int i = 0; i < w.length; i++) s[base + i] = Double.doubleToRawLongBits(w[i]);
        return s;
    }

    /** Empty (a checkpoint from before trainer state) leaves the warm-up to start again. */
    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        int base = 2 + zz.length + zr.length, fitSize = (k + 1) * k;
        boolean fit = state.length > 1 && state[1] != 0;
        if (state.length != base + (fit ? fitSize : 0) || state[0] < 0 || state[0] > Integer.MAX_VALUE)
            throw new IllegalArgumentException("dat state for a " + k + "-wide output has " + (base + (fit ? fitSize : 0))
                                               + " values, got " + state.length);
        steps = (int) state[0];
        for (int i = 0; i < zz.length; i++) zz[i] = Double.longBitsToDouble(state[2 + i]);
        for (int i = 0; i < zr.length; i++) zr[i] = Double.longBitsToDouble(state[2 + zz.length + i]);
        if (fit) {
            w = new double[fitSize];
            for (int i = 0; i < fitSize; i++) w[i] = Double.longBitsToDouble(state[base + i]);
        } else {
            w = null;
        }
    }

    /** Adds the rows (z = [y_ideal; 1], r = a_p − y_ideal) to the normal equations. */
    private void accumulate(double[] theta, Batch batch, Tensor measured) {
        int n = batch.size();
        idealTape.rows(n);
        Tensor y = twin.forward(theta, batch.inputs(), idealTape);
        double[] z = new double[k + 1];
        for (int b = 0; b < n; b++) {
            for (int i = 0; i < k; i++) z[i] = y.re[b * k + i];
            z[k] = 1.0;
            for (int i = 0; i <= k; i++) {
                for (int j = 0; j <= k; j++) zz[i * (k + 1) + j] += z[i] * z[j];
                for (int j = 0; j < k; j++) zr[i * k + j] += z[i] * (measured.re[b * k + j] - y.re[b * k + j]);
            }
        }
    }

    private void solve() {
        DMatrixRMaj a = new DMatrixRMaj(k + 1, k + 1, true, zz.clone());
        double trace = 0;
        for (int i = 0; i <= k; i++) trace += zz[i * (k + 1) + i];
        for (int i = 0; i <= k; i++) a.add(i, i, ridge * trace / (k + 1));
        DMatrixRMaj rhs = new DMatrixRMaj(k + 1, k, true, zr.clone());
        DMatrixRMaj sol = new DMatrixRMaj(k + 1, k);
        if (!CommonOps_DDRM.solve(a, rhs, sol)) {
            // singular normal equations (outputs never varied): no residual is learnable, stay with PAT
            w = new double[(k + 1) * k];
            return;
        }
        w = sol.getData().clone();
    }

    /** ā ← (I + ∂r/∂y)ᵀ ā, with ∂r_j/∂y_i = w[i·k + j]. */
    private void pullThroughResidual(int n) {
        double[] row = new double[k];
        for (int b = 0; b < n; b++) {
            System.arraycopy(outputGrad.re, b * k, row, 0, k);
            for (int i = 0; i < k; i++) {
                double s = row[i];
                for (int j = 0; j < k; j++) s += w[i * k + j] * row[j];
                outputGrad.re[b * k + i] = s;
            }
        }
    }

    private void ensureCapacity(int rows) {
        if (physicalTape != null && physicalTape.capacity() >= rows) return;
        physicalTape = physical.newTape(rows);
        twinTape = twin.newTape(rows);
        idealTape = twin.newTape(rows);
        outputGrad = Tensor.of(graph.nodes().get(outputNode).type(), rows);
    }
}
