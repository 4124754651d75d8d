package dev.pnn.noise;

import dev.pnn.spi.Rng;
import dev.pnn.spi.noise.SignalNoise;

/**
 * {@code shot_noise(photons: n)}: a detected power P (1 = full scale) is measured as Poisson(n·P)/n
 * (ALGORITHMS.md §2.4). For n·P ≤ {@value #EXACT_LIMIT} the Poisson count is drawn exactly by inversion (one
 * uniform); above, by the Gaussian approximation P + √(P/n)·ξ (one normal), which the spec allows there. Negative
 * inputs (possible after earlier additive noise) count as P = 0.
 */
record ShotNoise(double photons) implements SignalNoise {
    static final double EXACT_LIMIT = 20.0;

    @Override
    public void apply(double[] values, int off, int len, Rng rng) {
        if (isIdeal()) return;
        for (int i = off; i < off + len; i++) {
            double p = Math.max(0.0, values[i]);
            double lambda = photons * p;
            if (lambda <= EXACT_LIMIT) values[i] = poisson(lambda, rng) / photons;
            else values[i] = p + Math.sqrt(p / photons) * rng.nextGaussian();
        }
    }

    /** Poisson(λ) by sequential inversion; λ ≤ 20 so the loop is short and e^{−λ} does not underflow. */
    static int poisson(double lambda, Rng rng) {
        double u = rng.nextDouble();
        double p = Math.exp(-lambda);
        double cdf = p;
        int k = 0;
        while (u >= cdf && k < 1000) {
            k++;
            p *= lambda / k;
            cdf += p;
        }
        return k;
    }

    @Override
    public String describe() {
        return "shot_noise(photons: " + photons + ")";
    }

    @Override
    public boolean isIdeal() {
        return Double.isInfinite(photons);
    }
}
