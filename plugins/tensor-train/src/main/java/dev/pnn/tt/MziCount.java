package dev.pnn.tt;

/**
 * Counts the Mach–Zehnder interferometers needed to realize real matrices photonically.
 *
 * <p>Counting rule [choice, stated in docs/black-scholes.md]: a real p×q matrix of rank k = min(p, q) is realized by
 * its thin SVD A = U Σ Vᵀ. U is the first k columns of a p×p unitary; a triangular (Reck) mesh fixes those
 * columns with Σ_{i=1..k} (p − i) = pk − k(k+1)/2 MZIs (p(p−1)/2 when k = p), likewise Vᵀ with qk − k(k+1)/2, and
 * Σ takes k MZIs used as variable attenuators. A square N×N matrix therefore needs N(N−1) + N = N² MZIs. A dense M×N layer is one such matrix. A TT layer realizes core k once, as the
 * (m_k r_k) × (r_{k−1} n_k) matrix that maps (r_{k−1}, n_k) to (m_k, r_k); the same mesh is reused
 * (time-multiplexed) for the Π_{l<k} m_l · Π_{l>k} n_l slices the contraction applies it to. Phase screens, couplers
 * outside MZIs, modulators and detectors are not counted; they are the same order for both and small.
 */
public final class MziCount {
    private MziCount() {
    }

    /** MZIs for one real p×q matrix by the SVD realization. */
    public static long matrix(long p, long q) {
        long k = Math.min(p, q);
        return isometry(p, k) + isometry(q, k) + k;
    }

    /** MZIs fixing k orthonormal columns of an n-mode unitary: Σ_{i=1..k} (n − i). */
    static long isometry(long n, long k) {
        return n * k - k * (k + 1) / 2;
    }

    public static long dense(long rows, long cols) {
        return matrix(rows, cols);
    }

    public static long tt(TtShape s) {
        long total = 0;
        for (int k = 0; k < s.cores(); k++)
            total += matrix((long) s.ms()[k] * s.ranks()[k + 1], (long) s.ranks()[k] * s.ns()[k]);
        return total;
    }

    /** Optical passes per input vector: each core mesh is applied once per (left prefix, right suffix) slice. */
    public static long ttPasses(TtShape s) {
        long passes = 0;
        for (int k = 0; k < s.cores(); k++) passes += (long) s.leftRows(k) * s.rightCols(k);
        return passes;
    }

    /** One photonic matrix layer of a network: its MZIs as built and as a dense mesh of the same size. */
    public record Layer(String node, String op, int rows, int cols, long mzis, long denseMzis, int params, int denseParams) {
    }

    /** MZI counts of every dense and TT linear layer of a photonic_tt graph (nonlinearities and biases are electronic). */
    public static java.util.List<Layer> network(dev.pnn.spi.ir.Graph g) {
        java.util.List<Layer> out = new java.util.ArrayList<>();
        for (dev.pnn.spi.ir.Node n : g.nodes()) {
            if (n.op().equals("linear")) {
                int m = n.type().width(), k = n.params().get(0).shape().get(1);
                long c = dense(m, k);
                out.add(new Layer(n.id(), n.op(), m, k, c, c, m * k, m * k));
            } else if (n.op().equals(TtLinearBlock.NAME)) {
                TtShape s = TtLinearBlock.shapeOf(n.args());
                out.add(new Layer(n.id(), n.op(), s.rows(), s.cols(), tt(s), dense(s.rows(), s.cols()), s.paramCount(),
                        s.rows() * s.cols()));
            }
        }
        return out;
    }
}
