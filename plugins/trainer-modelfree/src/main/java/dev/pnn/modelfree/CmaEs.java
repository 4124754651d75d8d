package dev.pnn.modelfree;

import dev.pnn.spi.Rng;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.Arrays;

/**
 * (μ/μ_w, λ)-CMA-ES with the default constants of Hansen's tutorial (arXiv:1604.00772, Table 1 and Fig. 2
 * pseudo-code; ALGORITHMS.md §8): log-rank weights, cumulative step-size adaptation, rank-one plus rank-μ
 * covariance update, and an eigendecomposition refreshed lazily (every λ/((c₁ + c_μ)·P·10) evaluations) so the
 * O(P³) cost is amortized.
 *
 * <p>Written here rather than taken from commons-math3: its {@code CMAESOptimizer} owns the optimization loop
 * (it calls a fixed {@code MultivariateFunction} until convergence), while a pnn trainer must run exactly one
 * generation per mini-batch, on a batch that changes between generations, and draw from pnn's seeded
 * {@link Rng}. The loop below is the tutorial's, line for line.
 */
final class CmaEs {
    final int n, lambda, mu;
    private final double[] weights;
    private final double muEff, cSigma, dSigma, cc, c1, cMu, chiN;
    private final Rng rng;

    private final double[] mean, pSigma, pc, diag;
    private final DMatrixRMaj c, b;
    private final double[] y, z, losses, probe, yw, tmp;
    private final Integer[] order;
    private double sigma;
    private long generation, evaluations, eigenAt;
    private final EigenDecomposition_F64<DMatrixRMaj> eig;

    CmaEs(int n, double sigma0, int populationOverride, Rng rng) {
        if (n < 1) throw new IllegalArgumentException("CMA-ES needs at least one parameter");
        if (!(sigma0 > 0)) throw new IllegalArgumentException("CMA-ES sigma must be > 0");
        this.n = n;
        this.rng = rng;
        this.lambda = populationOverride > 0 ? populationOverride : 4 + (int) Math.floor(3 * Math.log(n));
        this.mu = lambda / 2;
        this.weights = new double[mu];
        double sum = 0, sumSq = 0;
        for (int i = 0; i < mu; i++) {
            weights[i] = Math.log((lambda + 1) / 2.0) - Math.log(i + 1);
            sum += weights[i];
        }
        for (int i = 0; i < mu; i++) {
            weights[i] /= sum;
            sumSq += weights[i] * weights[i];
        }
        muEff = 1 / sumSq;
        cSigma = (muEff + 2) / (n + muEff + 5);
        dSigma = 1 + 2 * Math.max(0, Math.sqrt((muEff - 1) / (n + 1)) - 1) + cSigma;
        cc = (4 + muEff / n) / (n + 4 + 2 * muEff / n);
        c1 = 2 / ((n + 1.3) * (n + 1.3) + muEff);
        cMu = Math.min(1 - c1, 2 * (muEff - 2 + 1 / muEff) / ((n + 2) * (n + 2) + muEff));
        chiN = Math.sqrt(n) * (1 - 1.0 / (4 * n) + 1.0 / (21.0 * n * n));
        sigma = sigma0;
        mean = new double[n];
        pSigma = new double[n];
        pc = new double[n];
        diag = new double[n];
        Arrays.fill(diag, 1.0);
        c = new DMatrixRMaj(n, n);
        b = new DMatrixRMaj(n, n);
        for (int i = 0; i < n; i++) {
            c.set(i, i, 1.0);
            b.set(i, i, 1.0);
        }
        y = new double[lambda * n];
        z = new double[n];
        losses = new double[lambda];
        probe = new double[n];
        yw = new double[n];
        tmp = new double[n];
        order = new Integer[lambda];
        eig = DecompositionFactory_DDRM.eig(n, true, true);
    }

    double sigma() {
        return sigma;
    }

    long evaluations() {
        return evaluations;
    }

    /**
     * One generation starting from mean {@code theta}: λ evaluations, then {@code theta} becomes the new mean.
     * Returns the mean of the λ measured losses.
     */
    double step(Objective f, double[] theta) {
        System.arraycopy(theta, 0, mean, 0, n);
        double lossSum = 0;
        for (int k = 0; k < lambda; k++) {
            for (int i = 0; i < n; i++) z[i] = diag[i] * rng.nextGaussian();
            int row = k * n;
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += b.data[i * n + j] * z[j];
                y[row + i] = s;
                probe[i] = mean[i] + sigma * s;
            }
            losses[k] = f.value(probe);
            lossSum += losses[k];
            order[k] = k;
        }
        evaluations += lambda;
        Arrays.sort(order, (p, q) -> {
            int cmp = Double.compare(losses[p], losses[q]);
            return cmp != 0 ? cmp : Integer.compare(p, q);
        });

        Arrays.fill(yw, 0.0);
        for (int r = 0; r < mu; r++) {
            int row = order[r] * n;
            for (int i = 0; i < n; i++) yw[i] += weights[r] * y[row + i];
        }
        for (int i = 0; i < n; i++) mean[i] += sigma * yw[i];

        // C^{-1/2} y_w = B D⁻¹ Bᵀ y_w
        for (int j = 0; j < n; j++) {
            double s = 0;
            for (int i = 0; i < n; i++) s += b.data[i * n + j] * yw[i];
            tmp[j] = s / diag[j];
        }
        double norm = 0, ps = Math.sqrt(cSigma * (2 - cSigma) * muEff);
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += b.data[i * n + j] * tmp[j];
            pSigma[i] = (1 - cSigma) * pSigma[i] + ps * s;
            norm += pSigma[i] * pSigma[i];
        }
        norm = Math.sqrt(norm);
        generation++;
        boolean hSigma = norm / Math.sqrt(1 - Math.pow(1 - cSigma, 2.0 * generation)) < (1.4 + 2.0 / (n + 1)) * chiN;
        double pcs = hSigma ? Math.sqrt(cc * (2 - cc) * muEff) : 0;
        for (int i = 0; i < n; i++) pc[i] = (1 - cc) * pc[i] + pcs * yw[i];

        double deltaH = hSigma ? 0 : c1 * cc * (2 - cc);
        double keep = 1 - c1 - cMu + deltaH;
        double[] cd = c.data;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double rankMu = 0;
                for (int r = 0; r < mu; r++) {
                    int row = order[r] * n;
                    rankMu += weights[r] * y[row + i] * y[row + j];
                }
                double v = keep * cd[i * n + j] + c1 * pc[i] * pc[j] + cMu * rankMu;
                cd[i * n + j] = v;
                cd[j * n + i] = v;
            }
        }
        sigma *= Math.exp((cSigma / dSigma) * (norm / chiN - 1));

        if (evaluations - eigenAt > lambda / ((c1 + cMu) * n * 10)) {
            eigenAt = evaluations;
            refreshEigen();
        }
        System.arraycopy(mean, 0, theta, 0, n);
        return lossSum / lambda;
    }

    /**
     * Everything the next generation reads besides θ (the mean is θ): σ, the counters, both evolution paths, C
     * and its eigendecomposition B·D (kept rather than recomputed, so a resume need not repeat the decomposition
     * bit for bit), and the sampling stream.
     */
    long[] state() {
        return new SavedState().add(sigma).add(generation).add(evaluations).add(eigenAt).add(pSigma).add(pc)
                .add(diag).add(c.data).add(b.data).add(rng.state()).toArray();
    }

    void restore(long[] state) {
        SavedState.Reader r = new SavedState.Reader(state, "cmaes");
        double s = r.nextDouble();
        long gen = r.nextLong(), evals = r.nextLong(), eigen = r.nextLong();
        double[] ps = r.nextDoubles(), path = r.nextDoubles(), d = r.nextDoubles(), cov = r.nextDoubles(), basis = r.nextDoubles();
        long[] stream = r.nextLongs();
        r.done();
        if (ps.length != n || path.length != n || d.length != n || cov.length != n * n || basis.length != n * n)
            throw new IllegalArgumentException("cmaes state is for " + ps.length + " parameters, this run has " + n);
        rng.restore(stream);
        sigma = s;
        generation = gen;
        evaluations = evals;
        eigenAt = eigen;
        System.arraycopy(ps, 0, pSigma, 0, n);
        System.arraycopy(path, 0, pc, 0, n);
        System.arraycopy(d, 0, diag, 0, n);
        System.arraycopy(cov, 0, c.data, 0, n * n);
        System.arraycopy(basis, 0, b.data, 0, n * n);
    }

    private void refreshEigen() {
        DMatrixRMaj copy = c.copy();
        if (!eig.decompose(copy)) throw new IllegalStateException("CMA-ES covariance eigendecomposition failed");
        for (int j = 0; j < n; j++) {
            double ev = eig.getEigenvalue(j).real;
            // Rounding can push a tiny eigenvalue below zero; the tutorial's implementations clamp it likewise.
            diag[j] = Math.sqrt(Math.max(ev, 1e-300));
            DMatrixRMaj v = eig.getEigenVector(j);
            for (int i = 0; i < n; i++) b.set(i, j, v.get(i, 0));
        }
    }

    /** Doubles kept: C and B (n² each), the λ steps, paths and buffers. */
    long storedDoubles() {
        return 2L * n * n + (long) lambda * n + 8L * n + lambda;
    }
}
