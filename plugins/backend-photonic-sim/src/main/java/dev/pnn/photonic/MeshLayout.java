package dev.pnn.photonic;

/**
 * Where the MZIs of an N-mode mesh sit, in layout order (ALGORITHMS.md §2.2, binding): MZI m acts on modes
 * (upper[m], upper[m]+1) with phases θ at parameter 2m and φ at 2m+1; the output screen phase α_k is parameter
 * 2M + k. Total N² parameters.
 *
 * @param column for Clements the column c of each MZI; for Reck the diagonal d − 1
 */
record MeshLayout(String kind, int modes, int[] upper, int[] column) {
    static MeshLayout clements(int n) {
        int m = n * (n - 1) / 2;
        int[] upper = new int[m];
        int[] column = new int[m];
        int i = 0;
        for (int c = 0; c < n; c++)
            for (int k = c % 2; k <= n - 2; k += 2) {
                upper[i] = k;
                column[i++] = c;
            }
        if (i != m) throw new IllegalStateException("clements layout of " + n + " modes has " + i + " MZIs, expected " + m);
        return new MeshLayout("clements", n, upper, column);
    }

    /** Reck [choice of ALGORITHMS.md §2.2]: diagonals d = 1..N−1, each on pairs (k, k+1) for k = d−1 down to 0. */
    static MeshLayout reck(int n) {
        int m = n * (n - 1) / 2;
        int[] upper = new int[m];
        int[] column = new int[m];
        int i = 0;
        for (int d = 1; d <= n - 1; d++)
            for (int k = d - 1; k >= 0; k--) {
                upper[i] = k;
                column[i++] = d - 1;
            }
        return new MeshLayout("reck", n, upper, column);
    }

    int mzis() {
        return upper.length;
    }

    int params() {
        return modes * modes;
    }

    int thetaIndex(int m) {
        return 2 * m;
    }

    int phiIndex(int m) {
        return 2 * m + 1;
    }

    int alphaIndex(int k) {
        return 2 * upper.length + k;
    }
}
