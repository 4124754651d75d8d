package dev.pnn.tt;

/**
 * Counts the Mach–Zehnder interferometers needed to realize real matrices photonically.
 *
 * <p>Counting rule [choice, stated in docs/black-scholes.md]: a real p×q matrix A = U Σ Vᵀ is realized by its SVD,
 * with U and Vᵀ as Clements meshes (p(p−1)/2 and q(q−1)/2 MZIs) and Σ as min(p, q) MZIs used as variable
 * attenuators. A dense M×N layer is one such matrix. A TT layer realizes core k once, as the
 * (m_k r_k) × (r_{k−1} n_k) matrix that maps (r_{k−1}, n_k) to (m_k, r_k); the same mesh is reused
 * (time-multiplexed) for the Π_{l<k} m_l · Π_{l>k} n_l slices the contraction applies it to. Phase screens, couplers
 * outside MZIs, modulators and detectors are not counted; they are the same order for both and small.
 */
public final class MziCount {
    private MziCount() {
    }

    /** MZIs for one real p×q matrix by the SVD realization. */
    public static long matrix(long p, long q) {
        return p * (p - 1) / 2 + q * (q - 1) / 2 + Math.min(p, q);
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
}
