package dev.pnn.scattering;

import org.ejml.data.ZMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_ZDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * A linear network of n coupled resonators, each with a port (ALGORITHMS.md §12, Wanjura–Marquardt):
 * ȧ = −iHa − ½(K + Γ)a − √K a_in, a_out = a_in + √K a, so at probe frequency ω
 * S(ω) = I + i√K·M⁻¹·√K with M = H − ωI − (i/2)(K + Γ). H_jj = Δ_j (detunings), H_jk = J_jk·e^{iφ} and
 * H_kj = J_jk·e^{−iφ} for j < k (a synthetic flux φ; φ = 0 is reciprocal). Solves use EJML's complex LU.
 * Holds its work matrices: one instance per thread.
 */
final class ScatteringModel {
    final int n;
    final int[][] edges;
    final double[] kappa;
    final double[] gamma;
    final double omega;
    final double flux;
    private final ZMatrixRMaj m;
    private final ZMatrixRMaj rhs;
    private final ZMatrixRMaj sol;
    private final ZMatrixRMaj rhsAll;
    private final ZMatrixRMaj solAll;
    private final LinearSolverDense<ZMatrixRMaj> solver;

    ScatteringModel(int n, int[][] edges, double[] kappa, double[] gamma, double omega, double flux) {
        this.n = n;
        this.edges = edges;
        this.kappa = kappa.clone();
        this.gamma = gamma.clone();
        this.omega = omega;
        this.flux = flux;
        this.m = new ZMatrixRMaj(n, n);
        this.rhs = new ZMatrixRMaj(n, 1);
        this.sol = new ZMatrixRMaj(n, 1);
        this.rhsAll = new ZMatrixRMaj(n, n);
        this.solAll = new ZMatrixRMaj(n, n);
        this.solver = LinearSolverFactory_ZDRM.lu(n);
    }

    /** Builds M from detunings Δ and couplings J, and factors it. */
    private void factor(double[] detuning, int dOff, double[] coupling, int cOff) {
        factor(detuning, dOff, coupling, cOff, false);
    }

    /** Builds M (or Mᵀ, which has the opposite flux) and factors it; the solver may overwrite m. */
    private void factor(double[] detuning, int dOff, double[] coupling, int cOff, boolean transpose) {
        m.zero();
        double c = Math.cos(flux), s = transpose ? -Math.sin(flux) : Math.sin(flux);
        for (int j = 0; j < n; j++) m.set(j, j, detuning[dOff + j] - omega, -0.5 * (kappa[j] + gamma[j]));
        for (int e = 0; e < edges.length; e++) {
            int j = edges[e][0], k = edges[e][1];
            double w = coupling[cOff + e];
            m.set(j, k, w * c, w * s);
            m.set(k, j, w * c, -w * s);
        }
        if (!solver.setA(m))
            throw new dev.pnn.spi.PnnException("the scattering network is singular at the probe frequency",
                    "give every mode some external coupling or loss (kappa > 0)");
    }

    /** a_out = S·a_in for one input vector (split re/im). */
    void scatter(double[] detuning, int dOff, double[] coupling, int cOff, double[] inRe, double[] inIm,
                 double[] outRe, double[] outIm) {
        factor(detuning, dOff, coupling, cOff);
        for (int j = 0; j < n; j++) {
            double sk = Math.sqrt(kappa[j]);
            rhs.set(j, 0, sk * inRe[j], sk * inIm[j]);
        }
        solver.solve(rhs, sol);
        for (int j = 0; j < n; j++) {
            double sk = Math.sqrt(kappa[j]);
            double zr = sol.data[2 * j], zi = sol.data[2 * j + 1];
            outRe[j] = inRe[j] - sk * zi;   // a_in + i√κ·z
            outIm[j] = inIm[j] + sk * zr;
        }
    }

    /**
     * What reverse mode needs, from two solves instead of the full S: column p of G = S − I (G_jp = i√κ_j·z_j with
     * M z = √K e_p) and w = Gᵀc for the output weights c (w_j = i√κ_j·u_j with Mᵀu = √K c; Mᵀ = M when reciprocal,
     * so the factorization is reused). {@code c} is given by {@code weights}, called with column p.
     */
    void adjoint(double[] detuning, int dOff, double[] coupling, int cOff, int p, double[] gpRe, double[] gpIm,
                 java.util.function.BiConsumer<double[], double[]> weights, double[] cRe, double[] cIm,
                 double[] wRe, double[] wIm) {
        factor(detuning, dOff, coupling, cOff);
        rhs.zero();
        rhs.set(p, 0, Math.sqrt(kappa[p]), 0);
        solver.solve(rhs, sol);
        for (int j = 0; j < n; j++) {
            double sk = Math.sqrt(kappa[j]);
            gpRe[j] = -sk * sol.data[2 * j + 1];
            gpIm[j] = sk * sol.data[2 * j];
        }
        weights.accept(gpRe, gpIm);
        if (flux != 0) factor(detuning, dOff, coupling, cOff, true); // Mᵀ differs from M
        for (int j = 0; j < n; j++) {
            double sk = Math.sqrt(kappa[j]);
            rhs.set(j, 0, sk * cRe[j], sk * cIm[j]);
        }
        solver.solve(rhs, sol);
        for (int j = 0; j < n; j++) {
            double sk = Math.sqrt(kappa[j]);
            wRe[j] = -sk * sol.data[2 * j + 1];
            wIm[j] = sk * sol.data[2 * j];
        }
    }

    /** The full S (n×n, row-major split re/im). */
    void matrix(double[] detuning, int dOff, double[] coupling, int cOff, double[] sRe, double[] sIm) {
        factor(detuning, dOff, coupling, cOff);
        rhsAll.zero();
        for (int j = 0; j < n; j++) rhsAll.set(j, j, Math.sqrt(kappa[j]), 0);
        solver.solve(rhsAll, solAll);
        for (int r = 0; r < n; r++)
            for (int p = 0; p < n; p++) {
                double sk = Math.sqrt(kappa[r]);
                double zr = solAll.data[2 * (r * n + p)], zi = solAll.data[2 * (r * n + p) + 1];
                sRe[r * n + p] = (r == p ? 1 : 0) - sk * zi;
                sIm[r * n + p] = sk * zr;
            }
    }
}
