package dev.pnn.robust;

import dev.pnn.spi.ir.ParamSlice;

import java.util.List;

/**
 * SAT's adversarial step ε (ALGORITHMS.md §5). {@link Scale#GLOBAL}: ε = ρ·g/‖g‖₂, so ‖ε‖ = ρ.
 * {@link Scale#PER_SLICE} [choice, §5]: ε is measured in units of each slice's RMS parameter scale r_s, i.e. the
 * constraint is ‖ε ⊘ r‖₂ = ρ; its maximizer of gᵀε is ε = ρ·r²⊙g/‖r⊙g‖₂ (SAM in the rescaled coordinates θ/r,
 * mapped back). Parameters outside every slice, and slices with r_s = 0, use r = 1. In both scales ε = 0 when the
 * (scaled) gradient norm is below 1e-12.
 */
final class AscentStep {
    enum Scale { GLOBAL, PER_SLICE }

    static final double MIN_NORM = 1e-12;

    private final double rho;
    private final Scale scale;
    private final List<ParamSlice> slices;
    private double[] r = new double[0];

    AscentStep(double rho, Scale scale, List<ParamSlice> slices) {
        this.rho = rho;
        this.scale = scale;
        this.slices = List.copyOf(slices);
    }

    /** Writes ε into {@code eps}; returns false (and writes zeros) when the gradient is too small to normalize. */
    boolean compute(double[] theta, double[] g, double[] eps) {
        int n = g.length;
        if (scale == Scale.GLOBAL) {
            double norm = norm(g, null);
            if (!(norm >= MIN_NORM)) return zero(eps);
            double f = rho / norm;
            for (int i = 0; i < n; i++) eps[i] = f * g[i];
            return true;
        }
        sliceScales(theta);
        double norm = norm(g, r);
        if (!(norm >= MIN_NORM)) return zero(eps);
        double f = rho / norm;
        for (int i = 0; i < n; i++) eps[i] = f * r[i] * r[i] * g[i];
        return true;
    }

    /** ‖ε ⊘ r‖ for {@code per_slice}, ‖ε‖ for {@code global}: the norm that equals ρ. */
    double constrainedNorm(double[] theta, double[] eps) {
        if (scale == Scale.GLOBAL) return norm(eps, null);
        sliceScales(theta);
        double s = 0;
        for (int i = 0; i < eps.length; i++) s += (eps[i] / r[i]) * (eps[i] / r[i]);
        return Math.sqrt(s);
    }

    private void sliceScales(double[] theta) {
        if (r.length != theta.length) r = new double[theta.length];
        java.util.Arrays.fill(r, 1.0);
        for (ParamSlice s : slices) {
            double sq = 0;
            for (int i = s.offset(); i < s.end(); i++) sq += theta[i] * theta[i];
            double rms = s.length() == 0 ? 0 : Math.sqrt(sq / s.length());
            double v = rms > 0 && Double.isFinite(rms) ? rms : 1.0;
            for (int i = s.offset(); i < s.end(); i++) r[i] = v;
        }
    }

    private static double norm(double[] g, double[] weights) {
        double s = 0;
        for (int i = 0; i < g.length; i++) {
            double v = weights == null ? g[i] : weights[i] * g[i];
            s += v * v;
        }
        return Math.sqrt(s);
    }

    private static boolean zero(double[] eps) {
        java.util.Arrays.fill(eps, 0.0);
        return false;
    }
}
