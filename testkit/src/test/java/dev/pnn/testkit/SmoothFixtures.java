package dev.pnn.testkit;

import dev.pnn.spi.Rng;

/** Smooth test functions with hand-derived derivatives, for testing the checkers themselves. */
final class SmoothFixtures {
    private SmoothFixtures() {
    }

    /** L(θ) = Σ_i sin(θ_i)·θ_{i+1 mod n} + ½‖θ‖² + log(1 + θ_0²). */
    static double loss(double[] t) {
        return loss(t, 1.0);
    }

    static double[] gradient(double[] t) {
        return gradient(t, 1.0);
    }

    /**
     * ½‖θ‖² + 0.1·(the non-quadratic terms): curvature along every direction is at least about 0.6 and third
     * derivatives are small, the regime in which the order-2 Taylor ratio is near 4 at h = 1e-2.
     */
    static double mildLoss(double[] t) {
        return loss(t, 0.1);
    }

    static double[] mildGradient(double[] t) {
        return gradient(t, 0.1);
    }

    private static double loss(double[] t, double eps) {
        int n = t.length;
        double l = eps * Math.log1p(t[0] * t[0]);
        for (int i = 0; i < n; i++) l += eps * Math.sin(t[i]) * t[(i + 1) % n] + 0.5 * t[i] * t[i];
        return l;
    }

    private static double[] gradient(double[] t, double eps) {
        int n = t.length;
        double[] g = new double[n];
        for (int k = 0; k < n; k++) {
            g[k] = eps * (Math.cos(t[k]) * t[(k + 1) % n] + Math.sin(t[(k - 1 + n) % n])) + t[k];
        }
        g[0] += eps * 2 * t[0] / (1 + t[0] * t[0]);
        return g;
    }

    /** y_j = tanh((A x)_j) + x_{j mod n}², A an m×n matrix drawn from {@code seed}. */
    record Map(int n, int m, double[] a) {
        static Map random(int n, int m, long seed) {
            Rng rng = new Rng(seed);
            double[] a = new double[m * n];
            for (int i = 0; i < a.length; i++) a[i] = rng.nextGaussian() / Math.sqrt(n);
            return new Map(n, m, a);
        }

        double[] apply(double[] x) {
            double[] y = new double[m];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += a[j * n + i] * x[i];
                y[j] = Math.tanh(s) + x[j % n] * x[j % n];
            }
            return y;
        }

        double[] vjp(double[] x, double[] w) {
            double[] xb = new double[n];
            for (int j = 0; j < m; j++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += a[j * n + i] * x[i];
                double th = Math.tanh(s);
                double sj = w[j] * (1 - th * th);
                for (int i = 0; i < n; i++) xb[i] += a[j * n + i] * sj;
                xb[j % n] += 2 * x[j % n] * w[j];
            }
            return xb;
        }
    }
}
