package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

import java.util.Arrays;

/**
 * TT-SVD (Oseledets): sequential truncated SVDs over the interleaved modes (m_k n_k) of a dense M×N matrix, giving
 * cores in the binding layout. Used to initialize a {@code tt_linear} from a dense layer and to compress one.
 */
final class TtSvd {
    /** The cores and the ranks actually kept (each ≤ the requested maximum). */
    record Result(TtShape shape, double[] cores) {
    }

    private TtSvd() {
    }

    /**
     * @param w        M × N row-major
     * @param maxRanks the largest rank allowed at each inner bond ([1, r_1, …, r_{K-1}, 1])
     * @param relTol   singular values below relTol·s_max of each unfolding are dropped (0 keeps all up to maxRanks)
     */
    static Result decompose(double[] w, int[] ms, int[] ns, int[] maxRanks, double relTol) {
        TtShape probe = new TtShape(ms, ns, maxRanks);
        int m = probe.rows(), n = probe.cols(), k = probe.cores();
        if (w.length != m * n)
            throw new PnnException("TT-SVD: matrix has " + w.length + " entries but ms, ns describe " + m + "x" + n,
                    "pass a row-major " + m + "x" + n + " matrix");
        double[] t = interleave(w, ms, ns);
        int[] ranks = new int[k + 1];
        ranks[0] = 1;
        ranks[k] = 1;
        double[][] cores = new double[k][];
        int rest = t.length;
        DMatrixRMaj c = new DMatrixRMaj(1, t.length, true, t);
        for (int s = 0; s < k - 1; s++) {
            int mode = ms[s] * ns[s];
            int rowsU = ranks[s] * mode;
            rest /= mode;
            c.reshape(rowsU, rest);
            SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rowsU, rest, true, true, true);
            if (!svd.decompose(c.copy()))
                throw new PnnException("TT-SVD: SVD did not converge at core " + (s + 1), "check the matrix for NaN or Inf");
            DMatrixRMaj u = svd.getU(null, false), sv = svd.getW(null), vt = svd.getV(null, true);
            SingularOps_DDRM.descendingOrder(u, false, sv, vt, true);
            int avail = Math.min(rowsU, rest);
            double smax = avail > 0 ? sv.get(0, 0) : 0;
            int keep = 0;
            while (keep < Math.min(avail, maxRanks[s + 1]) && sv.get(keep, keep) > relTol * smax && sv.get(keep, keep) > 0)
                keep++;
            keep = Math.max(keep, 1);
            ranks[s + 1] = keep;
            double[] core = new double[rowsU * keep];
            for (int i = 0; i < rowsU; i++)
                for (int r = 0; r < keep; r++) core[i * keep + r] = u.get(i, r);
            cores[s] = core;
            DMatrixRMaj next = new DMatrixRMaj(keep, rest);
            for (int r = 0; r < keep; r++) {
                double sr = sv.get(r, r);
                for (int q = 0; q < rest; q++) next.set(r, q, sr * vt.get(r, q));
            }
            c = next;
        }
        double[] last = Arrays.copyOf(c.data, ranks[k - 1] * ms[k - 1] * ns[k - 1]);
        cores[k - 1] = last;
        TtShape shape = new TtShape(ms, ns, ranks);
        double[] flat = new double[shape.paramCount()];
        for (int s = 0; s < k; s++) System.arraycopy(cores[s], 0, flat, shape.coreOffset(s), cores[s].length);
        return new Result(shape, flat);
    }

    /** Reorders W[i, j] into the tensor with modes (i_1 j_1, i_2 j_2, …), each mode index i_k n_k + j_k. */
    static double[] interleave(double[] w, int[] ms, int[] ns) {
        int k = ms.length;
        int m = 1, n = 1;
        for (int v : ms) m *= v;
        for (int v : ns) n *= v;
        double[] t = new double[w.length];
        for (int i = 0; i < m; i++) {
            int[] id = TtContraction.digits(i, ms);
            for (int j = 0; j < n; j++) {
                int[] jd = TtContraction.digits(j, ns);
                int p = 0;
                for (int s = 0; s < k; s++) p = p * (ms[s] * ns[s]) + id[s] * ns[s] + jd[s];
                t[p] = w[i * n + j];
            }
        }
        return t;
    }

    /** ‖A − B‖_F / ‖B‖_F. */
    static double relativeError(double[] a, double[] b) {
        double num = 0, den = 0;
        for (int i = 0; i < a.length; i++) {
            num += (a[i] - b[i]) * (a[i] - b[i]);
            den += b[i] * b[i];
        }
        return Math.sqrt(num / Math.max(den, Double.MIN_NORMAL));
    }
}
