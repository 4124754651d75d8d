package dev.pnn.tt;

import dev.pnn.modelfree.GaussianZo;
import dev.pnn.modelfree.Objective;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

import java.util.List;

/**
 * {@code tt_zo}: the Gaussian zeroth-order estimator (shared {@link GaussianZo} of the model-free plugin) over θ,
 * which for a {@code tt_linear} network is the concatenated TT cores plus the small dense layers and biases
 * (ALGORITHMS.md §9). Forward queries only. Options:
 * <ul>
 * <li>{@code queries} N and {@code mu}: ĝ = (1/N) Σ [L(θ + μu_i) − L(θ)]/μ·u_i, N + 1 loss evaluations;</li>
 * <li>{@code direction: rademacher}: u_i ∈ {±1}ᴰ (same E[uuᵀ] = I, so still unbiased for ∇L on linear L);</li>
 * <li>{@code antithetic}: pairs ±μu_i, [L(θ + μu) − L(θ − μu)]/(2μ)·u, removing the even-order bias and the
 *     variance of the symmetric part, 2N evaluations (L(θ) cancels, so it is not measured; the reported loss is
 *     the mean over the pairs);</li>
 * <li>{@code blocks: slices}: tensor-wise estimation, each direction perturbs one parameter slice (one core, one
 *     weight matrix, one bias) so that slice b's estimate has variance ∝ (D_b + 1) instead of (D + 1);
 *     N directions per slice, so a step costs #slices·N + 1 evaluations (2·#slices·N when antithetic).</li>
 * </ul>
 * When the plan states a PDE, the loss is the physics-informed loss with Stein derivatives ({@link PinnObjective});
 * otherwise it is the plan's loss on the batch.
 */
final class TtZoTrainer implements GradientTrainer {
    private final GaussianZo zo;
    private final int queries;
    private final boolean rademacher;
    private final boolean antithetic;
    private final List<ParamSlice> blocks;   // empty: whole θ at once
    private final Rng rng;
    private final ForwardView device;
    private final PinnObjective pinn;        // null: data loss
    private final Loss loss;
    private final int outWidth;
    private long step;
    private double[] u = new double[0];
    private double[] neg = new double[0];
    private Tensor out;

    TtZoTrainer(int queries, double mu, boolean rademacher, boolean antithetic, List<ParamSlice> blocks, long seed,
                ForwardView device, PinnObjective pinn, Loss loss, int outWidth) {
        this.zo = new GaussianZo(mu, queries);
        this.queries = queries;
        this.rademacher = rademacher;
        this.antithetic = antithetic;
        this.blocks = List.copyOf(blocks);
        this.rng = Rng.derived(seed, "tt_zo");
        this.device = device;
        this.pinn = pinn;
        this.loss = loss;
        this.outWidth = outWidth;
        if (pinn != null && !pinn.forwardOnly())
            throw new PnnException("tt_zo is forward-only but the plan asks for derivatives = autodiff",
                    "use derivatives = stein(sigma: 0.02, rule: sparse_grid(level: 3)); or trainer = pinn_backprop");
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        Objective f;
        if (pinn != null) {
            Tensor in = batch == null ? null : batch.inputs();
            if (in != null && batch.size() > 0 && in.width == pinn.problem().dim()) pinn.sample(step, in.re, batch.size());
            else pinn.sample(step);
            f = th -> pinn.loss(th, device);
        } else {
            f = th -> dataLoss(th, batch);
        }
        step++;
        int p = theta.length;
        java.util.Arrays.fill(grad, 0, p, 0.0);
        if (!rademacher && !antithetic && blocks.isEmpty()) return zo.estimate(f, theta, rng, grad);
        if (u.length != p) {
            u = new double[p];
            neg = new double[p];
        }
        // antithetic pairs cancel L(θ) exactly, so the centre is not measured: that saves one loss evaluation in
        // 2N + 1 (11% of the queries at N = 4), and the reported loss is the mean over the pairs, L(θ) + O(μ²)
        double f0 = antithetic ? 0 : f.value(theta), pairSum = 0;
        int pairs = 0;
        int groups = blocks.isEmpty() ? 1 : blocks.size();
        for (int g = 0; g < groups; g++) {
            int from = blocks.isEmpty() ? 0 : blocks.get(g).offset(), to = blocks.isEmpty() ? p : blocks.get(g).end();
            for (int q = 0; q < queries; q++) {
                java.util.Arrays.fill(u, 0.0);
                for (int i = from; i < to; i++) u[i] = rademacher ? rng.nextSign() : rng.nextGaussian();
                if (antithetic) {
                    for (int i = 0; i < p; i++) neg[i] = -u[i];
                    pairSum += zo.accumulate(f, theta, 0, u, 0.5 / queries, grad);
                    pairSum += zo.accumulate(f, theta, 0, neg, 0.5 / queries, grad);
                    pairs++;
                } else {
                    zo.accumulate(f, theta, f0, u, 1.0 / queries, grad);
                }
            }
        }
        return antithetic ? pairSum / (2 * pairs) : f0;
    }

    /** For a PDE plan: the smoothed network's error against the plan's solution, on the evaluation device. */
    @Override
    public java.util.Map<String, Double> finalScores(double[] theta, dev.pnn.spi.device.Device evaluation) {
        return pinn == null ? java.util.Map.of() : pinn.scores(theta, evaluation.view(ForwardView.class));
    }

    /** The step (it picks the collocation block) and the direction stream: {@code [step, rng…]}. */
    @Override
    public long[] state() {
        long[] r = rng.state();
        long[] s = new long[1 + r.length];
        s[0] = step;
        System.arraycopy(r, 0, s, 1, r.length);
        return s;
    }

    /** Empty (a checkpoint from before trainer state) leaves step 0 and a fresh stream. */
    @Override
    public void restore(long[] state) {
        if (state.length == 0) return;
        if (state[0] < 0) throw new IllegalArgumentException("tt_zo step must be >= 0, got " + state[0]);
        rng.restore(java.util.Arrays.copyOfRange(state, 1, state.length));
        step = state[0];
    }

    private double dataLoss(double[] theta, Batch batch) {
        Tensor in = batch.inputs();
        if (out == null || out.capacity() < in.rows()) out = Tensor.real(in.capacity(), outWidth);
        out.rows(in.rows());
        device.forward(theta, in, out);
        return loss.evaluate(out, batch, null);
    }
}
