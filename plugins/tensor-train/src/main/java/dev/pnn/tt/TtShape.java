package dev.pnn.tt;

import dev.pnn.spi.PnnException;

import java.util.Arrays;
import java.util.List;

/**
 * The factorization of an M×N TT-matrix (ALGORITHMS.md §9): M = Π m_k, N = Π n_k, ranks r_0..r_K with
 * r_0 = r_K = 1. Core k (0-based here) is stored row-major as (r_k, m_k, n_k, r_{k+1}); cores follow each other in
 * one flat array, core 0 first.
 */
public record TtShape(int[] ms, int[] ns, int[] ranks) {
    public TtShape {
        ms = ms.clone();
        ns = ns.clone();
        ranks = ranks.clone();
        if (ms.length == 0 || ms.length != ns.length)
            throw new PnnException("tt_linear: ms " + Arrays.toString(ms) + " and ns " + Arrays.toString(ns)
                    + " must be non-empty and of equal length", "write one m and one n per core");
        if (ranks.length != ms.length + 1)
            throw new PnnException("tt_linear: " + ms.length + " cores need " + (ms.length + 1) + " ranks, got "
                    + Arrays.toString(ranks), "write ranks as [1, r_1, ..., r_{K-1}, 1]");
        if (ranks[0] != 1 || ranks[ranks.length - 1] != 1)
            throw new PnnException("tt_linear: the first and last rank must be 1, got " + Arrays.toString(ranks),
                    "write ranks as [1, r_1, ..., r_{K-1}, 1]");
        for (int v : ms) positive("ms", v);
        for (int v : ns) positive("ns", v);
        for (int v : ranks) positive("ranks", v);
    }

    private static void positive(String what, int v) {
        if (v < 1) throw new PnnException("tt_linear: every entry of " + what + " must be >= 1, got " + v, "fix " + what);
    }

    public static TtShape of(List<Integer> ms, List<Integer> ns, List<Integer> ranks) {
        return new TtShape(ms.stream().mapToInt(Integer::intValue).toArray(),
                ns.stream().mapToInt(Integer::intValue).toArray(),
                ranks.stream().mapToInt(Integer::intValue).toArray());
    }

    public int cores() {
        return ms.length;
    }

    public int rows() {
        int p = 1;
        for (int m : ms) p *= m;
        return p;
    }

    public int cols() {
        int p = 1;
        for (int n : ns) p *= n;
        return p;
    }

    public int coreLength(int k) {
        return ranks[k] * ms[k] * ns[k] * ranks[k + 1];
    }

    public int coreOffset(int k) {
        int off = 0;
        for (int i = 0; i < k; i++) off += coreLength(i);
        return off;
    }

    /** P_TT = Σ_k r_{k-1} m_k n_k r_k. */
    public int paramCount() {
        return coreOffset(cores());
    }

    /** Multiply–adds of contracting one input vector through all cores. */
    long contractionFlops() {
        long f = 0;
        for (int k = 0; k < cores(); k++)
            f += (long) leftRows(k) * ranks[k] * ns[k] * ms[k] * ranks[k + 1] * rightCols(k);
        return f;
    }

    /** Π_{l<k} m_l: how many output-index prefixes core k sees. */
    int leftRows(int k) {
        int p = 1;
        for (int i = 0; i < k; i++) p *= ms[i];
        return p;
    }

    /** Π_{l>k} n_l: how many input-index suffixes core k sees. */
    int rightCols(int k) {
        int p = 1;
        for (int i = k + 1; i < ns.length; i++) p *= ns[i];
        return p;
    }

    /** Width of the intermediate after contracting cores 0..k-1 (k = 0: the input; k = K: the output). */
    int stageWidth(int k) {
        return k == 0 ? cols() : leftRows(k) * ranks[k] * rightCols(k - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TtShape s && Arrays.equals(ms, s.ms) && Arrays.equals(ns, s.ns) && Arrays.equals(ranks, s.ranks);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(ms) + Arrays.hashCode(ns)) + Arrays.hashCode(ranks);
    }

    @Override
    public String toString() {
        return "tt(ms: " + Arrays.toString(ms) + ", ns: " + Arrays.toString(ns) + ", ranks: " + Arrays.toString(ranks) + ")";
    }
}
