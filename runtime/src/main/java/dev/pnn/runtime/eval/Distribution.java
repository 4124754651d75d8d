package dev.pnn.runtime.eval;

import dev.pnn.spi.Rng;

import java.util.Arrays;

/**
 * Summary of a metric over device instances (ALGORITHMS.md §15): mean, sample std (n − 1), min, median, 5th
 * percentile, max and a seeded 95% percentile-bootstrap CI of the mean (1000 resamples). Percentiles interpolate
 * linearly between order statistics (position q·(n − 1), "type 7").
 */
public record Distribution(int n, double mean, double std, double min, double median, double p5, double max,
                           double ciLow, double ciHigh) {
    public static final int RESAMPLES = 1000;

    public static Distribution of(double[] values, long seed) {
        int n = values.length;
        if (n == 0) return new Distribution(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, Double.NaN);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double mean = mean(values);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double std = n > 1 ? Math.sqrt(ss / (n - 1)) : 0.0;
        double[] means = new double[RESAMPLES];
        Rng rng = Rng.derived(seed, "bootstrap");
        for (int b = 0; b < RESAMPLES; b++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += values[rng.nextInt(n)] - values[0];
            means[b] = values[0] + s / n;
        }
        Arrays.sort(means);
        return new Distribution(n, mean, std, sorted[0], quantile(sorted, 0.5), quantile(sorted, 0.05),
                sorted[n - 1], quantile(means, 0.025), quantile(means, 0.975));
    }

    /** Linear interpolation at position q·(n − 1) of sorted data. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return frac == 0 ? sorted[lo] : sorted[lo] + frac * (sorted[hi] - sorted[lo]);
    }

    /** Mean shifted by the first value, so a constant sample gives exactly that constant (and std 0). */
    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x - v[0];
        return v[0] + s / v.length;
    }
}
