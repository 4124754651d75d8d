package dev.pnn.tt;

/**
 * How a batch of truncated Taylor jets is laid out in rows: each point owns {@link #comps()} consecutive rows,
 * row 0 the value, rows 1..d the first derivatives ∂/∂x_i, then the second derivatives ∂²/∂x_i∂x_j for i ≤ j
 * (row-major over the upper triangle). Order 0 is a plain batch (one row per point). Linear maps act on every row
 * alike, so jets pass through matrix layers as extra batch rows; only biases and nonlinearities need the layout.
 */
record JetLayout(int dim, int order) {
    JetLayout {
        if (order < 0 || order > 2) throw new IllegalArgumentException("jet order must be 0, 1 or 2");
    }

    int comps() {
        return switch (order) {
            case 0 -> 1;
            case 1 -> 1 + dim;
            default -> 1 + dim + dim * (dim + 1) / 2;
        };
    }

    /** Row offset (within a point) of ∂/∂x_i. */
    int first(int i) {
        return 1 + i;
    }

    /** Row offset (within a point) of ∂²/∂x_i∂x_j (any order of i, j). */
    int second(int i, int j) {
        if (i > j) {
            int t = i;
            i = j;
            j = t;
        }
        // rows before i in the upper triangle: Σ_{k<i} (dim − k)
        return 1 + dim + i * dim - i * (i - 1) / 2 + (j - i);
    }
}
