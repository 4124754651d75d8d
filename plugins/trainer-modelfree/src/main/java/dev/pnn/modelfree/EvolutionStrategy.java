package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;

import java.util.Arrays;

/**
 * OpenAI-style evolution strategy with antithetic pairs (ALGORITHMS.md §8), for minimization:
 * θ ← θ − (α/(2nσ)) Σᵢ [s(θ + σεᵢ) − s(θ − σεᵢ)] εᵢ, where s is the measured loss or, with rank shaping, its
 * centred rank among the 2n measurements (a search heuristic then, no longer an unbiased estimator).
 *
 * <p>The noise vectors are regenerated from a per-pair seed rather than stored, so memory stays O(P) for any
 * number of pairs.
 */
public final class EvolutionStrategy {
    private final double sigma, lr;
    private final int pairs;
    private final boolean rankShaping;
    private final long seed;
    private final double[] plus, minus;
    private double[] eps = new double[0], probe = new double[0], step = new double[0];
    private long generation;

    public EvolutionStrategy(double sigma, int pairs, double lr, boolean rankShaping, long seed) {
        if (!(sigma > 0)) throw new IllegalArgumentException("ES sigma must be > 0");
        if (pairs < 1) throw new IllegalArgumentException("ES needs at least one pair");
        this.sigma = sigma;
        this.pairs = pairs;
        this.lr = lr;
        this.rankShaping = rankShaping;
        this.seed = seed;
        this.plus = new double[pairs];
        this.minus = new double[pairs];
    }

    /**
     * One generation: 2n evaluations, then the update of {@code theta} in place. Returns the mean of the 2n
     * measured losses, an O(σ²) estimate of L(θ) before the update that costs no extra evaluation.
     */
    public double step(Objective f, double[] theta) {
        int p = theta.length;
        if (eps.length != p) {
            eps = new double[p];
            probe = new double[p];
            step = new double[p];
        }
        double mean = 0;
        for (int i = 0; i < pairs; i++) {
            noise(i);
            for (int j = 0; j < p; j++) probe[j] = theta[j] + sigma * eps[j];
            plus[i] = f.value(probe);
            for (int j = 0; j < p; j++) probe[j] = theta[j] - sigma * eps[j];
            minus[i] = f.value(probe);
            mean += plus[i] + minus[i];
        }
        if (rankShaping) centredRanks(plus, minus);
        Arrays.fill(step, 0.0);
        for (int i = 0; i < pairs; i++) {
            noise(i);
            double w = plus[i] - minus[i];
            for (int j = 0; j < p; j++) step[j] += w * eps[j];
        }
        double scale = lr / (2.0 * pairs * sigma);
        for (int j = 0; j < p; j++) theta[j] -= scale * step[j];
        generation++;
        return mean / (2.0 * pairs);
    }

    /** Generations done: the noise of every generation is derived from it, so it is all a resume needs. */
    long generation() {
        return generation;
    }

    void resumeAt(long generation) {
        if (generation < 0) throw new IllegalArgumentException("ES generation must be >= 0, got " + generation);
        this.generation = generation;
    }

    /** ε of pair i of the current generation. */
    private void noise(int pair) {
        Rng rng = new Rng(Seeds.derive(seed, "es/" + generation + "/" + pair));
        for (int j = 0; j < eps.length; j++) eps[j] = rng.nextGaussian();
    }

    /** Replaces the 2n values by centred ranks in [−0.5, 0.5] (ties broken by position, deterministic). */
    static void centredRanks(double[] plus, double[] minus) {
        int n = plus.length, m = 2 * n;
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) order[i] = i;
        double[] all = new double[m];
        System.arraycopy(plus, 0, all, 0, n);
        System.arraycopy(minus, 0, all, n, n);
        Arrays.sort(order, (x, y) -> {
            int c = Double.compare(all[x], all[y]);
            return c != 0 ? c : Integer.compare(x, y);
        });
        for (int r = 0; r < m; r++) {
            double v = m == 1 ? 0 : (double) r / (m - 1) - 0.5;
            int i = order[r];
            if (i < n) plus[i] = v;
            else minus[i - n] = v;
        }
    }

    /** Doubles this strategy keeps: ε, the probe point, the step and the 2n losses. */
    long storedDoubles(int p) {
        return 3L * p + 2L * pairs;
    }
}
