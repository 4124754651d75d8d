package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import dev.pnn.spi.train.UpdateTrainer;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The checks behind {@link TrainerContract} for one trainer, one problem and one seed. */
final class TrainerProbe {
    private final TrainerFactory factory;
    private final Map<String, Value> args;
    private final List<TrainerFactory> nested;
    private final TrainerProblem problem;
    private final long seed;
    private final double[] theta;

    TrainerProbe(TrainerFactory factory, Map<String, Value> args, List<TrainerFactory> nested, TrainerProblem problem,
                 long seed) {
        this.factory = factory;
        this.args = args;
        this.nested = nested;
        this.problem = problem;
        this.seed = seed;
        this.theta = PnnArbitraries.drawParameters(problem.graph(), Rng.derived(seed, "theta"));
    }

    String where() {
        return "trainer '" + factory.name() + "' (" + factory.kind() + ", args " + args + ") on " + problem.description()
               + ", seed " + seed + ", θ = " + Arrays.toString(theta);
    }

    private TrainerRun run(long s) {
        return new TrainerRun(factory, args, nested, problem, s);
    }

    /** One step: the gradient estimate (gradient trainers) or θ after one update (update trainers). */
    private double[] step(TrainerRun r, double[] th, Batch batch) {
        if (r.trainer instanceof GradientTrainer g) {
            double[] grad = new double[th.length];
            g.gradient(th, batch, grad);
            return grad;
        }
        UpdateTrainer u = (UpdateTrainer) r.trainer;
        u.prepare(th, examples(batch));
        u.update(th, batch);
        return th;
    }

    private static Examples examples(Batch b) {
        int n = b.size(), w = b.inputs().width;
        if (b.labels() != null) {
            int classes = Arrays.stream(b.labels(), 0, n).max().orElse(0) + 1;
            return new Examples(Arrays.copyOf(b.inputs().re, n * w), w, Arrays.copyOf(b.labels(), n), classes, null, 0);
        }
        int k = b.targets().width;
        return new Examples(Arrays.copyOf(b.inputs().re, n * w), w, null, 0, Arrays.copyOf(b.targets().re, n * k), k);
    }

    /**
     * A run of {@code 2·half} steps equals a run of {@code half} steps whose {@link dev.pnn.spi.train.Trainer#state()}
     * is restored into a fresh instance (not prepared again, as the runtime resumes) for the other {@code half},
     * bit for bit. Gradient trainers move θ by a fixed SGD step so that θ changes between steps.
     */
    void resumes(int half) {
        double[] straight = theta.clone(), resumed = theta.clone();
        double[] lossesA = new double[2 * half], lossesB = new double[2 * half];
        try (TrainerRun a = run(seed)) {
            prepare(a, straight);
            for (int k = 0; k < 2 * half; k++) lossesA[k] = sgdStep(a, straight);
        }
        try (TrainerRun b = run(seed)) {
            prepare(b, resumed);
            for (int k = 0; k < half; k++) lossesB[k] = sgdStep(b, resumed);
            long[] saved = b.trainer.state().clone();
            TrainerRun c = new TrainerRun(factory, args, nested, problem, seed, b);
            c.trainer.restore(saved);
            for (int k = half; k < 2 * half; k++) lossesB[k] = sgdStep(c, resumed);
        }
        if (!Arrays.equals(straight, resumed) || !Arrays.equals(lossesA, lossesB))
            throw new AssertionError("a fresh instance given restore(state()) after " + half + " steps does not continue "
                    + "bit-identically: θ after " + 2 * half + " steps " + Arrays.toString(straight) + " vs resumed "
                    + Arrays.toString(resumed) + ", losses " + Arrays.toString(lossesA) + " vs " + Arrays.toString(lossesB)
                    + "; save every counter and random stream in state()\n  counterexample: " + where());
    }

    private void prepare(TrainerRun r, double[] th) {
        if (r.trainer instanceof UpdateTrainer u) u.prepare(th, examples(problem.batch()));
    }

    private double sgdStep(TrainerRun r, double[] th) {
        if (r.trainer instanceof UpdateTrainer u) return u.update(th, problem.batch());
        double[] grad = new double[th.length];
        double loss = ((GradientTrainer) r.trainer).gradient(th, problem.batch(), grad);
        for (int i = 0; i < th.length; i++) th[i] -= 0.01 * grad[i];
        return loss;
    }

    void oracle(int samples, int steps) {
        switch (factory.kind()) {
            case EXACT_GRADIENT -> exactGradient();
            case UNBIASED_ESTIMATE -> unbiased(samples);
            case DESCENT_DIRECTION -> descentDirection();
            case DIRECT_UPDATE -> descends(steps);
        }
    }

    private double[] gradientOf(TrainerRun r, double[] th) {
        if (!(r.trainer instanceof GradientTrainer g))
            throw new AssertionError("trainer declares " + factory.kind() + " but creates an UpdateTrainer; declare "
                    + "DIRECT_UPDATE or return a GradientTrainer\n  counterexample: " + where());
        double[] grad = new double[th.length];
        double l = g.gradient(th.clone(), problem.batch(), grad);
        if (factory.kind() == TrainerKind.EXACT_GRADIENT) {
            double ref = problem.lossAt(th);
            if (!(Math.abs(l - ref) <= 1e-9 * (1 + Math.abs(ref))))
                throw new AssertionError("gradient() returned batch loss " + l + " but L(θ) on the device is " + ref
                        + "\n  counterexample: " + where());
        }
        return grad;
    }

    private void exactGradient() {
        double[] g;
        try (TrainerRun r = run(seed)) {
            g = gradientOf(r, theta);
        }
        GradientCheckResult fd = GradientCheck.check(problem::lossAt, theta, g, problem.graph().slices());
        if (!fd.passed())
            throw new AssertionError("trainer declares EXACT_GRADIENT but its gradient disagrees with central finite "
                    + "differences (ALGORITHMS.md §3): " + fd.message() + "\n  counterexample: " + where());
        TaylorResult t = TaylorTest.check(problem::lossAt, theta, g, seed, problem.graph().slices());
        if (!t.passed())
            throw new AssertionError("trainer declares EXACT_GRADIENT but fails the order-2 Taylor test: " + t.message()
                    + "\n  counterexample: " + where());
    }

    /** Exact ∇L by central differences: the reference of the statistical and descent oracles. */
    private double[] exact() {
        return GradientCheck.finiteDifference(problem::lossAt, theta);
    }

    private void unbiased(int samples) {
        double[] g = exact();
        int p = g.length;
        double[] mean = new double[p], m2 = new double[p];
        for (int k = 0; k < samples; k++) {
            double[] e;
            try (TrainerRun r = run(Seeds.derive(seed, "sample/" + k))) {
                e = gradientOf(r, theta);
            }
            for (int i = 0; i < p; i++) { // Welford
                double d = e[i] - mean[i];
                mean[i] += d / (k + 1);
                m2[i] += d * (e[i] - mean[i]);
            }
        }
        // 5 standard errors per component: with ≤ 20 components a correct estimator fails about once in 10⁵ runs
        for (int i = 0; i < p; i++) {
            double se = Math.sqrt(m2[i] / (samples - 1) / samples);
            double bound = 5 * se + 1e-6 * (Math.abs(g[i]) + 1e-3);
            if (!(Math.abs(mean[i] - g[i]) <= bound))
                throw new AssertionError(String.format("trainer declares UNBIASED_ESTIMATE but the mean of %d estimates "
                                + "misses ∇L at %s: mean %.6g ± %.2g (standard error) vs ∇L %.6g, |diff| = %.3g > 5 "
                                + "standard errors\n  counterexample: %s", samples, ParamNames.describe(problem.graph().slices(), i),
                        mean[i], se, g[i], Math.abs(mean[i] - g[i]), where()));
        }
    }

    private void descentDirection() {
        double[] g = exact();
        double[] d;
        try (TrainerRun r = run(seed)) {
            d = gradientOf(r, theta);
        }
        double dot = 0, nd = 0, ng = 0;
        for (int i = 0; i < g.length; i++) {
            dot += d[i] * g[i];
            nd += d[i] * d[i];
            ng += g[i] * g[i];
        }
        if (!(dot > 0))
            throw new AssertionError(String.format("trainer declares DESCENT_DIRECTION but ⟨d, ∇L⟩ = %.6g ≤ 0 on a "
                            + "quadratic (cos = %.4f): d = %s, ∇L = %s\n  counterexample: %s", dot, dot / Math.sqrt(nd * ng),
                    Arrays.toString(d), Arrays.toString(g), where()));
    }

    private void descends(int steps) {
        double[] th = theta.clone();
        double l0 = problem.lossAt(th);
        try (TrainerRun r = run(seed)) {
            if (!(r.trainer instanceof UpdateTrainer u))
                throw new AssertionError("trainer declares DIRECT_UPDATE but creates a GradientTrainer\n  counterexample: " + where());
            u.prepare(th, examples(problem.batch()));
            for (int k = 0; k < steps; k++) u.update(th, problem.batch());
        }
        double l1 = problem.lossAt(th);
        if (!(l1 < l0))
            throw new AssertionError(String.format("trainer declares DIRECT_UPDATE but %d updates did not descend on a "
                    + "sphere: L went from %.6g to %.6g (θ now %s)\n  counterexample: %s", steps, l0, l1, Arrays.toString(th), where()));
    }

    void deterministic() {
        double[] a, b;
        try (TrainerRun r1 = run(seed); TrainerRun r2 = run(seed)) {
            a = step(r1, theta.clone(), problem.batch());
            b = step(r2, theta.clone(), problem.batch());
        }
        for (int i = 0; i < a.length; i++)
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i]))
                throw new AssertionError("trainer is not deterministic at a fixed seed: two instances with seed " + seed
                        + " give " + a[i] + " vs " + b[i] + " at " + ParamNames.describe(problem.graph().slices(), i)
                        + " (take randomness only from Rng.derived(context.seed(), ...))\n  counterexample: " + where());
    }

    void leavesArgumentsUntouched() {
        double[] th = theta.clone();
        double[] in0 = problem.batch().inputs().re.clone();
        double[] t0 = problem.batch().targets() == null ? null : problem.batch().targets().re.clone();
        try (TrainerRun r = run(seed)) {
            if (r.trainer instanceof GradientTrainer g) {
                g.gradient(th, problem.batch(), new double[th.length]);
                for (int i = 0; i < th.length; i++)
                    if (Double.doubleToLongBits(th[i]) != Double.doubleToLongBits(theta[i]))
                        throw new AssertionError("GradientTrainer.gradient mutated θ at "
                                + ParamNames.describe(problem.graph().slices(), i) + ": it was " + theta[i] + ", now "
                                + th[i] + "\n  counterexample: " + where());
            } else {
                step(r, th, problem.batch());
            }
        }
        for (int i = 0; i < in0.length; i++)
            if (Double.doubleToLongBits(in0[i]) != Double.doubleToLongBits(problem.batch().inputs().re[i]))
                throw new AssertionError("trainer mutated the batch inputs at [" + i + "]: it was " + in0[i] + ", now "
                        + problem.batch().inputs().re[i] + "\n  counterexample: " + where());
        if (t0 != null)
            for (int i = 0; i < t0.length; i++)
                if (Double.doubleToLongBits(t0[i]) != Double.doubleToLongBits(problem.batch().targets().re[i]))
                    throw new AssertionError("trainer mutated the batch targets at [" + i + "]\n  counterexample: " + where());
    }

    void usesOnlyDeclared() {
        try (TrainerRun r = run(seed)) {
            try {
                step(r, theta.clone(), problem.batch());
            } catch (dev.pnn.spi.CapabilityException e) {
                throw new AssertionError(e.getMessage() + "\n  counterexample: " + where(), e);
            }
            if (!r.violations.isEmpty())
                throw new AssertionError(r.violations.get(0) + " (and swallowed the refusal)\n  counterexample: " + where());
        }
    }

    void finiteOnEdgeInputs(double large) {
        Batch b = problem.batch();
        double[] saved = b.inputs().re.clone();
        try {
            for (double v : new double[]{0, large, -large}) {
                Arrays.fill(b.inputs().re, v);
                double[] out;
                try (TrainerRun r = run(seed)) {
                    out = step(r, theta.clone(), b);
                }
                for (int i = 0; i < out.length; i++)
                    if (!Double.isFinite(out[i]))
                        throw new AssertionError("trainer gave a non-finite " + (factory.kind() == TrainerKind.DIRECT_UPDATE
                                ? "updated θ" : "gradient") + " " + out[i] + " at "
                                + ParamNames.describe(problem.graph().slices(), i) + " when every input is " + v
                                + "\n  counterexample: " + where());
            }
        } finally {
            System.arraycopy(saved, 0, b.inputs().re, 0, saved.length);
        }
    }
}
