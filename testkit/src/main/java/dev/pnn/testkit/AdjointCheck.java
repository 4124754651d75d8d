package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.ParamSlice;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;

/**
 * The VJP adjoint identity of ALGORITHMS.md §3 item 4: ⟨Jv, w⟩ = ⟨v, Jᵀw⟩ within 1e-9 relative, where J is
 * the Jacobian of f at x, Jv comes from a (fourth-order) central difference along v, and Jᵀw from the VJP under test. The
 * function f must be deterministic and must not keep the arrays it is given.
 */
public final class AdjointCheck {
    public static final double TOLERANCE = 1e-9;

    private AdjointCheck() {
    }

    /** Checks with a seeded random unit v (input space) and random unit w (output space). */
    public static AdjointResult check(UnaryOperator<double[]> f, BiFunction<double[], double[], double[]> vjp,
                                      double[] x, long seed, List<ParamSlice> layout) {
        Rng rng = Rng.derived(seed, "adjoint");
        double[] v = unit(rng, x.length);
        double[] y = f.apply(x.clone());
        double[] w = unit(rng, y.length);
        return check(f, vjp, x, v, w, layout, TOLERANCE);
    }

    public static AdjointResult check(UnaryOperator<double[]> f, BiFunction<double[], double[], double[]> vjp,
                                      double[] x, long seed) {
        return check(f, vjp, x, seed, null);
    }

    /**
     * Checks along given v and w. {@code vjp.apply(x, w)} must return Jᵀw (length of x).
     *
     * <p>Jv is the fourth-order central difference (−f(x+2hv) + 8f(x+hv) − 8f(x−hv) + f(x−2hv))/(12h) with
     * h = 1e-4/‖v‖∞ [choice], so no coordinate moves by more than 2e-4: inside the 1e-3 margin §3 keeps from
     * non-smooth points (ReLU kinks), whatever the size of x. The second-order stencil with the §3 step 1e-6 has
     * round-off ε·|f|/h ≈ 1e-10·|f| per output, which alone reaches the 1e-9 bound on correct VJPs (seen:
     * 1.3e-9); this stencil's round-off is ≈ 3e-12·|f| and its truncation ≈ h⁴·|f⁽⁵⁾|/30 ≈ 3e-18·|f⁽⁵⁾|. An
     * earlier step scaled by max|x_i| reached 2.5e-3 at phases near 2π and failed a correct VJP across a kink.
     */
    public static AdjointResult check(UnaryOperator<double[]> f, BiFunction<double[], double[], double[]> vjp,
                                      double[] x, double[] v, double[] w, List<ParamSlice> layout,
                                      double tolerance) {
        double vmax = 0, xmax = 0;
        for (int i = 0; i < x.length; i++) {
            vmax = Math.max(vmax, Math.abs(v[i]));
            xmax = Math.max(xmax, Math.abs(x[i]));
        }
        if (!(vmax > 0)) throw new IllegalArgumentException("v must be nonzero");
        double h = 1e-4 / vmax;
        double[] yp2 = f.apply(shifted(x, v, 2 * h));
        double[] yp1 = f.apply(shifted(x, v, h));
        double[] ym1 = f.apply(shifted(x, v, -h));
        double[] ym2 = f.apply(shifted(x, v, -2 * h));
        for (double[] y : new double[][]{yp2, yp1, ym1, ym2}) {
            if (y.length != w.length) {
                throw new IllegalArgumentException("f returns " + y.length + " outputs but w has " + w.length);
            }
        }
        double forward = 0, jvNorm2 = 0, wNorm2 = 0, roundoff = 0;
        for (int j = 0; j < w.length; j++) {
            double jv = (8 * (yp1[j] - ym1[j]) - (yp2[j] - ym2[j])) / (12 * h);
            forward += jv * w[j];
            jvNorm2 += jv * jv;
            wNorm2 += w[j] * w[j];
            double fmax = Math.max(Math.max(Math.abs(yp1[j]), Math.abs(ym1[j])), Math.max(Math.abs(yp2[j]), Math.abs(ym2[j])));
            roundoff += fmax * Math.abs(w[j]);
        }
        // The stencil's own rounding: each f value carries ≈ ε·|f|, weighted (8+8+1+1)/12 = 1.5 and divided by h.
        // When ‖Jv‖ is small next to |f| this floor exceeds 1e-9·‖Jv‖‖w‖ for correct VJPs (seen: 1.29e-9), so the
        // comparison allows it on top of the relative tolerance; it is ~1e-11 of |f|·‖w‖ and catches no less.
        roundoff *= 1.5 * 0x1.0p-52 / h;
        double[] xbar = vjp.apply(x.clone(), w.clone());
        if (xbar.length != x.length) {
            throw new IllegalArgumentException("VJP returns " + xbar.length + " components, x has " + x.length);
        }
        double adjoint = 0;
        for (int i = 0; i < x.length; i++) adjoint += v[i] * xbar[i];
        // "Relative" is taken against ‖Jv‖·‖w‖ (≥ |⟨Jv,w⟩| by Cauchy–Schwarz) or |⟨v,Jᵀw⟩| if larger: the FD
        // error of Jv is a vector whose projection on w is bounded by ‖error‖·‖w‖, so dividing by a cancelled
        // inner product ⟨Jv,w⟩ ≈ 0 would fail correct VJPs at round-off level.
        double scale = Math.max(Math.max(Math.sqrt(jvNorm2 * wNorm2), Math.abs(adjoint)), 1e-300);
        double rel = Math.abs(forward - adjoint) / scale;
        boolean passed = Math.abs(forward - adjoint) <= tolerance * scale + 4 * roundoff;
        if (passed) {
            String msg = String.format("adjoint identity passed: ⟨Jv,w⟩ = %.17g, ⟨v,Jᵀw⟩ = %.17g, relative error "
                    + "%.3e (limit %.0e)", forward, adjoint, rel, tolerance);
            return new AdjointResult(true, forward, adjoint, rel, -1, null, Double.NaN, Double.NaN, msg);
        }
        // Diagnose: the FD gradient of φ(x) = ⟨f(x), w⟩ is Jᵀw; find the component that disagrees most.
        double[] fdXbar = GradientCheck.finiteDifference(z -> dot(f.apply(z), w), x);
        int worst = -1;
        double worstDiff = -1;
        for (int i = 0; i < x.length; i++) {
            double d = Math.abs(fdXbar[i] - xbar[i]);
            if (worst < 0 || d > worstDiff || (Double.isNaN(d) && !Double.isNaN(worstDiff))) {
                worst = i;
                worstDiff = d;
            }
        }
        String msg = String.format("adjoint identity FAILED: ⟨Jv,w⟩ = %.17g (central difference), ⟨v,Jᵀw⟩ = %.17g "
                        + "(VJP), relative error %.3e (limit %.0e); worst component %s: VJP %.17g vs finite "
                        + "difference %.17g",
                forward, adjoint, rel, tolerance, worst < 0 ? "-" : ParamNames.describe(layout, worst),
                worst < 0 ? Double.NaN : xbar[worst], worst < 0 ? Double.NaN : fdXbar[worst]);
        return new AdjointResult(false, forward, adjoint, rel, worst,
                worst < 0 ? null : ParamNames.sliceOf(layout, worst),
                worst < 0 ? Double.NaN : xbar[worst], worst < 0 ? Double.NaN : fdXbar[worst], msg);
    }

    private static double[] shifted(double[] x, double[] v, double t) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) z[i] = x[i] + t * v[i];
        return z;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static double[] unit(Rng rng, int n) {
        double[] v = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < n; i++) v[i] /= norm;
        return v;
    }
}
