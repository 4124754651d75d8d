package dev.pnn.modelfree;

import dev.pnn.spi.PnnException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Ridge regression with an unpenalized bias (ALGORITHMS.md §14): W = argmin ‖ΦW + 1bᵀ − Y‖²_F + λ‖W‖²_F.
 *
 * <p>Primal: the normal equations of the bias-augmented features, (Φ̃ᵀΦ̃ + λDᵀD) W̃ = Φ̃ᵀY with D dropping the
 * bias row, solved by Cholesky (EJML), or by QR of [Φ̃; √λD] when Cholesky finds the matrix not positive
 * definite. Dual (n &lt; m): minimizing over b first gives b = ȳ − Wᵀx̄, so W is plain ridge on the centred
 * data, W = Φ_cᵀ(Φ_cΦ_cᵀ + λI)⁻¹Y_c: the same solution, with an n×n instead of an m×m system.
 */
final class Ridge {
    enum Form { AUTO, PRIMAL, DUAL }

    /** Weights {@code w} (m×k row-major: feature i, output j at {@code i*k + j}) and bias (k, zero without bias). */
    record Solution(double[] w, double[] bias, int m, int k, Form form) {
    }

    private Ridge() {
    }

    /**
     * @param phi n×m features, row-major
     * @param y   n×k targets, row-major
     */
    static Solution solve(double[] phi, int n, int m, double[] y, int k, double lambda, boolean withBias, Form form) {
        if (n == 0) throw new PnnException("readout: no training examples to fit", "check the data set and its split");
        if (!(lambda >= 0)) throw new PnnException("readout: lambda must be >= 0, got " + lambda, "write readout(lambda: 1e-3)");
        Form used = form == Form.AUTO ? (n >= m + (withBias ? 1 : 0) ? Form.PRIMAL : Form.DUAL) : form;
        if (used == Form.DUAL && lambda == 0)
            throw new PnnException("readout: the dual form needs lambda > 0 (the centred Gram matrix is singular)",
                    "write readout(lambda: 1e-6) or readout(form: primal)");
        return used == Form.PRIMAL ? primal(phi, n, m, y, k, lambda, withBias) : dual(phi, n, m, y, k, lambda, withBias);
    }

    private static Solution primal(double[] phi, int n, int m, double[] y, int k, double lambda, boolean withBias) {
        int ma = m + (withBias ? 1 : 0);
        DMatrixRMaj x = augmented(phi, n, m, withBias);
        DMatrixRMaj ym = DMatrixRMaj.wrap(n, k, y);
        DMatrixRMaj a = new DMatrixRMaj(ma, ma);
        CommonOps_DDRM.multTransA(x, x, a);
        for (int i = 0; i < m; i++) a.add(i, i, lambda);
        DMatrixRMaj rhs = new DMatrixRMaj(ma, k);
        CommonOps_DDRM.multTransA(x, ym, rhs);
        DMatrixRMaj w = new DMatrixRMaj(ma, k);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(ma);
        if (!chol.setA(a)) {
            // Not numerically positive definite (λ = 0 and rank-deficient features): least squares by QR of [Φ̃; √λD].
            DMatrixRMaj stacked = new DMatrixRMaj(n + m, ma);
            CommonOps_DDRM.insert(x, stacked, 0, 0);
            for (int i = 0; i < m; i++) stacked.set(n + i, i, Math.sqrt(lambda));
            DMatrixRMaj ys = new DMatrixRMaj(n + m, k);
            CommonOps_DDRM.insert(ym, ys, 0, 0);
            LinearSolverDense<DMatrixRMaj> qr = LinearSolverFactory_DDRM.qr(n + m, ma);
            if (!qr.setA(stacked))
                throw new PnnException("readout: the features are rank-deficient and lambda is 0",
                        "set readout(lambda: 1e-6) or larger");
            qr.solve(ys, w);
        } else {
            chol.solve(rhs, w);
        }
        return split(w.data, m, k, withBias, Form.PRIMAL);
    }

    private static Solution dual(double[] phi, int n, int m, double[] y, int k, double lambda, boolean withBias) {
        double[] xMean = new double[m], yMean = new double[k];
        DMatrixRMaj xc = new DMatrixRMaj(n, m);
        DMatrixRMaj yc = new DMatrixRMaj(n, k);
        System.arraycopy(phi, 0, xc.data, 0, n * m);
        System.arraycopy(y, 0, yc.data, 0, n * k);
        if (withBias) {
            centre(xc.data, n, m, xMean);
            centre(yc.data, n, k, yMean);
        }
        DMatrixRMaj g = new DMatrixRMaj(n, n);
        CommonOps_DDRM.multTransB(xc, xc, g);
        for (int i = 0; i < n; i++) g.add(i, i, lambda);
        DMatrixRMaj alpha = new DMatrixRMaj(n, k);
        LinearSolverDense<DMatrixRMaj> chol = LinearSolverFactory_DDRM.chol(n);
        if (!chol.setA(g)) throw new PnnException("readout: the dual system is not positive definite", "increase lambda");
        chol.solve(yc, alpha);
        DMatrixRMaj w = new DMatrixRMaj(m, k);
        CommonOps_DDRM.multTransA(xc, alpha, w);
        double[] bias = new double[k];
        if (withBias) {
            for (int j = 0; j < k; j++) {
                double s = yMean[j];
                for (int i = 0; i < m; i++) s -= w.data[i * k + j] * xMean[i];
                bias[j] = s;
            }
        }
        return new Solution(w.data, bias, m, k, Form.DUAL);
    }

    private static void centre(double[] a, int rows, int cols, double[] mean) {
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) mean[c] += a[r * cols + c];
        for (int c = 0; c < cols; c++) mean[c] /= rows;
        for (int r = 0; r < rows; r++) for (int c = 0; c < cols; c++) a[r * cols + c] -= mean[c];
    }

    /** Φ̃ = [Φ 1] (or Φ without bias). */
    static DMatrixRMaj augmented(double[] phi, int n, int m, boolean withBias) {
        int ma = m + (withBias ? 1 : 0);
        DMatrixRMaj x = new DMatrixRMaj(n, ma);
        for (int r = 0; r < n; r++) {
            System.arraycopy(phi, r * m, x.data, r * ma, m);
            if (withBias) x.data[r * ma + m] = 1.0;
        }
        return x;
    }

    private static Solution split(double[] wa, int m, int k, boolean withBias, Form form) {
        double[] w = new double[m * k];
        System.arraycopy(wa, 0, w, 0, m * k);
        double[] bias = new double[k];
        if (withBias) System.arraycopy(wa, m * k, bias, 0, k);
        return new Solution(w, bias, m, k, form);
    }
}
