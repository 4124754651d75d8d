package dev.pnn.runtime.eval;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.train.GradientTrainer;

/**
 * Sharpness λ_max: the largest algebraic eigenvalue of the training-loss Hessian at θ (ALGORITHMS.md §5), by power
 * iteration on Hessian–vector products. HVPs are central differences of gradients,
 * Hv ≈ [∇L(θ + sv) − ∇L(θ − sv)]/(2s) with s = 1e-5·max(1, ‖θ‖)/‖v‖, taken from any exact gradient trainer
 * (backprop) on one fixed batch. The start vector is seeded. Iteration stops when |Δλ| < tol·|λ| or after
 * {@code maxIterations}; if the dominant eigenvalue is negative, the iteration reruns on H − λI and adds λ back.
 * λ_max depends on the parameterization: here it is θ as laid out in the graph's slices (phases in rad).
 */
public final class Sharpness {
    /** What was computed, with enough to state it in a report. */
    public record Result(double lambdaMax, int iterations, boolean converged, long gradientCalls, int samples,
                         String method) {
    }

    /** §5 defaults are tol 1e-10 and 1000 iterations; reports on large meshes may loosen them and say so. */
    public record Options(double tolerance, int maxIterations, long seed) {
        public static Options defaults(long seed) {
            return new Options(1e-10, 1000, seed);
        }
    }

    private final GradientTrainer gradients;
    private final Examples data;
    private final Batch batch;
    private final int[] order;
    private final int chunk;
    private final Options options;
    private long calls;
    private double[] part = new double[0];

    private Sharpness(GradientTrainer gradients, Examples data, int chunk, Options options) {
        this.gradients = gradients;
        this.data = data;
        this.chunk = Math.max(1, Math.min(chunk, Math.max(1, data.size())));
        this.batch = data.newBatch(this.chunk);
        this.order = new int[data.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        this.options = options;
    }

    /**
     * λ_max of the mean loss over {@code data} at {@code theta}; {@code theta} is not modified. Gradients are taken
     * over rows in chunks of {@code chunk} (the training batch size is a good choice) and combined with weights
     * rows/N, which is the gradient of the mean over all of {@code data}.
     */
    public static Result lambdaMax(GradientTrainer gradients, double[] theta, Examples data, int chunk,
                                   Options options) {
        Sharpness s = new Sharpness(gradients, data, chunk, options);
        return s.run(theta.clone());
    }

    /**
     * A fixed seeded subset of {@code count} rows (all rows when there are fewer): the "fixed seeded subset" of §5
     * and §15 (default 1024 samples).
     */
    public static Examples subset(Examples train, int count, long seed) {
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng.derived(seed, "sharpness/subset").shuffle(order);
        return train.subset(java.util.Arrays.copyOf(order, Math.min(count, n)));
    }

    private Result run(double[] theta) {
        int p = theta.length;
        double[] v = new double[p];
        Rng rng = Rng.derived(options.seed(), "sharpness/start");
        for (int i = 0; i < p; i++) v[i] = rng.nextGaussian();
        normalize(v);
        Work w = new Work(p);
        Power first = power(theta, v, 0.0, w);
        if (first.lambda >= 0 || p == 0)
            return result(first.lambda, first.iterations, first.converged);
        // The dominant eigenvalue is negative: iterate on H − λI (eigenvalues ≥ 0), whose top is λ_max − λ.
        double shift = first.lambda;
        for (int i = 0; i < p; i++) v[i] = rng.nextGaussian();
        normalize(v);
        Power second = power(theta, v, shift, w);
        return result(second.lambda + shift, first.iterations + second.iterations, second.converged);
    }

    private Result result(double lambda, int iterations, boolean converged) {
        return new Result(lambda, iterations, converged, calls, data.size(),
                "power iteration on central-difference Hessian-vector products of the exact gradient");
    }

    private record Power(double lambda, int iterations, boolean converged) {
    }

    private static final class Work {
        final double[] hv, plus, minus, gPlus, gMinus;

        Work(int p) {
            hv = new double[p];
            plus = new double[p];
            minus = new double[p];
            gPlus = new double[p];
            gMinus = new double[p];
        }
    }

    /** Power iteration on H − shift·I from unit {@code v}; v is overwritten. */
    private Power power(double[] theta, double[] v, double shift, Work w) {
        double lambda = Double.NaN;
        for (int it = 1; it <= options.maxIterations(); it++) {
            hvp(theta, v, w);
            double dot = 0;
            for (int i = 0; i < v.length; i++) {
                w.hv[i] -= shift * v[i];
                dot += v[i] * w.hv[i];
            }
            boolean done = Math.abs(dot - lambda) < options.tolerance() * Math.abs(dot);
            lambda = dot;
            double norm = norm(w.hv);
            if (done || norm == 0 || !Double.isFinite(norm)) return new Power(lambda, it, done || norm == 0);
            for (int i = 0; i < v.length; i++) v[i] = w.hv[i] / norm;
        }
        return new Power(lambda, options.maxIterations(), false);
    }

    /** w.hv = H v for unit v, by central differences of the gradient. */
    private void hvp(double[] theta, double[] v, Work w) {
        double s = 1e-5 * Math.max(1.0, norm(theta));
        for (int i = 0; i < theta.length; i++) {
            w.plus[i] = theta[i] + s * v[i];
            w.minus[i] = theta[i] - s * v[i];
        }
        fullGradient(w.plus, w.gPlus);
        fullGradient(w.minus, w.gMinus);
        for (int i = 0; i < theta.length; i++) w.hv[i] = (w.gPlus[i] - w.gMinus[i]) / (2 * s);
    }

    /** ∇ of the mean loss over all rows: Σ_chunks (rows/N)·∇(chunk mean). */
    private void fullGradient(double[] theta, double[] out) {
        if (part.length != theta.length) part = new double[theta.length];
        java.util.Arrays.fill(out, 0.0);
        int n = data.size();
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            data.fill(order, from, to, batch);
            gradients.gradient(theta, batch, part);
            calls++;
            double w = (double) (to - from) / n;
            for (int i = 0; i < out.length; i++) out[i] += w * part[i];
        }
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) s += x * x;
        return Math.sqrt(s);
    }

    private static void normalize(double[] v) {
        double n = norm(v);
        if (n > 0) for (int i = 0; i < v.length; i++) v[i] /= n;
    }
}
