package dev.pnn.tt;

import dev.pnn.spi.PnnException;

import java.util.ArrayList;
import java.util.List;

/**
 * A quadrature rule {(z_k, w_k)} for E_{z~N(0, I_d)}[g(z)] ≈ Σ w_k g(z_k). Node 0 is always the origin, so its
 * function value doubles as the Stein control variate f₀ at no extra query.
 *
 * @param nodes   count × d, row-major
 * @param weights count
 */
record SparseGridRule(int dim, double[] nodes, double[] weights) {
    SparseGridRule {
        if (nodes.length != weights.length * dim) throw new IllegalArgumentException("nodes do not match weights");
        for (int j = 0; j < dim; j++)
            if (nodes[j] != 0.0) throw new IllegalArgumentException("node 0 must be the origin");
    }

    int size() {
        return weights.length;
    }

    double node(int k, int j) {
        return nodes[k * dim + j];
    }

    /**
     * Level-3 Smolyak combination of the 1-, 2- and 3-point Gauss–Hermite rules (ALGORITHMS.md §9): the origin with
     * weight 2d/3 + (d−1)(d−2)/2, ±√3e_j with 1/6, ±e_j with −(d−1)/2, ±e_j ± e_k (j &lt; k) with 1/4. Exact for
     * all monomials of total degree ≤ 5. For d = 1 the ±e_j nodes have weight 0 and are left out (3 nodes).
     */
    static SparseGridRule level3(int d) {
        if (d < 1) throw new PnnException("sparse_grid: dimension must be >= 1, got " + d, "check the PDE variables");
        List<double[]> pts = new ArrayList<>();
        List<Double> ws = new ArrayList<>();
        pts.add(new double[d]);
        ws.add(2.0 * d / 3.0 + (d - 1) * (d - 2) / 2.0);
        double s3 = Math.sqrt(3.0);
        for (int j = 0; j < d; j++)
            for (double sign : new double[]{1, -1}) {
                double[] p = new double[d];
                p[j] = sign * s3;
                pts.add(p);
                ws.add(1.0 / 6.0);
            }
        if (d > 1) {
            for (int j = 0; j < d; j++)
                for (double sign : new double[]{1, -1}) {
                    double[] p = new double[d];
                    p[j] = sign;
                    pts.add(p);
                    ws.add(-(d - 1) / 2.0);
                }
            for (int j = 0; j < d; j++)
                for (int k = j + 1; k < d; k++)
                    for (double sj : new double[]{1, -1})
                        for (double sk : new double[]{1, -1}) {
                            double[] p = new double[d];
                            p[j] = sj;
                            p[k] = sk;
                            pts.add(p);
                            ws.add(0.25);
                        }
        }
        double[] nodes = new double[pts.size() * d];
        double[] weights = new double[pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            System.arraycopy(pts.get(k), 0, nodes, k * d, d);
            weights[k] = ws.get(k);
        }
        return new SparseGridRule(d, nodes, weights);
    }

    /** A sparse-grid rule of the given level; only level 3 (degree-5 exactness) is implemented. */
    static SparseGridRule sparseGrid(int d, int level) {
        if (level != 3)
            throw new PnnException("sparse_grid(level: " + level + ") is not available; only level 3 is implemented",
                    "write rule: sparse_grid(level: 3)");
        return level3(d);
    }
}
