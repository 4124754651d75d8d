package dev.pnn.tt;

/**
 * Φ(x), the standard normal CDF, to about 1e-15 absolute: the everywhere-convergent series
 * Φ(x) = ½ + φ(x)·Σ x^{2n+1}/(2n+1)!! (all terms of one sign, no cancellation) for |x| &lt; 5, and the
 * continued fraction of the Mills ratio for the tails. Java has no erf, and the formulas of a PDE plan need Φ.
 */
final class NormalCdf {
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private NormalCdf() {
    }

    static double pdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    static double cdf(double x) {
        if (Double.isNaN(x)) return Double.NaN;
        if (x == Double.POSITIVE_INFINITY) return 1;
        if (x == Double.NEGATIVE_INFINITY) return 0;
        double ax = Math.abs(x);
        if (ax < 5) {
            double term = ax, sum = ax, x2 = ax * ax;
            for (int n = 1; n < 500 && term > 1e-17 * sum; n++) {
                term *= x2 / (2 * n + 1);
                sum += term;
            }
            double half = pdf(ax) * sum;
            return x >= 0 ? 0.5 + half : 0.5 - half;
        }
        // Q(a) = φ(a) / (a + 1/(a + 2/(a + 3/(a + ...)))), evaluated from the back
        double f = ax;
        for (int k = 80; k >= 1; k--) f = ax + k / f;
        double q = pdf(ax) / f;
        return x >= 0 ? 1 - q : q;
    }
}
