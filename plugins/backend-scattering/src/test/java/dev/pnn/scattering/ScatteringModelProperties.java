package dev.pnn.scattering;

import dev.pnn.spi.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALGORITHMS.md §12 on random networks (random Δ, J, κ, γ, ω): lossless S is unitary, reciprocal S symmetric, a
 * flux breaks the symmetry, and the detuning and coupling derivative formulas match central finite differences.
 */
class ScatteringModelProperties {
    record Net(ScatteringModel model, double[] detuning, double[] coupling) {
    }

    static Net random(long seed, int n, boolean lossless, double flux) {
        Rng r = Rng.derived(seed, "net");
        int[][] edges = ScatteringBlock.edges(n, "all");
        double[] kappa = new double[n], gamma = new double[n], det = new double[n], cpl = new double[edges.length];
        for (int j = 0; j < n; j++) {
            kappa[j] = 0.3 + r.nextDouble();
            gamma[j] = lossless ? 0 : 0.3 * r.nextDouble();
            det[j] = 2 * r.nextDouble() - 1;
        }
        for (int e = 0; e < cpl.length; e++) cpl[e] = r.nextGaussian() * 0.6;
        return new Net(new ScatteringModel(n, edges, kappa, gamma, r.nextDouble() - 0.5, flux), det, cpl);
    }

    static double[][] s(Net net) {
        int n = net.model.n;
        double[] re = new double[n * n], im = new double[n * n];
        net.model.matrix(net.detuning, 0, net.coupling, 0, re, im);
        return new double[][]{re, im};
    }

    @Property(tries = 50)
    void losslessIsUnitaryAndReciprocalIsSymmetric(@ForAll long seed) {
        int n = 5;
        double[][] s = s(random(seed, n, true, 0));
        double unitarity = 0, symmetry = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++) {
                double re = 0, im = 0;
                for (int k = 0; k < n; k++) { // (S S†)_ab
                    double xr = s[0][a * n + k], xi = s[1][a * n + k], yr = s[0][b * n + k], yi = -s[1][b * n + k];
                    re += xr * yr - xi * yi;
                    im += xr * yi + xi * yr;
                }
                unitarity = Math.max(unitarity, Math.hypot(re - (a == b ? 1 : 0), im));
                symmetry = Math.max(symmetry, Math.hypot(s[0][a * n + b] - s[0][b * n + a], s[1][a * n + b] - s[1][b * n + a]));
            }
        assertTrue(unitarity < 1e-12, "unitarity " + unitarity);
        assertTrue(symmetry < 1e-12, "symmetry " + symmetry);
        double[][] nr = s(random(seed, n, true, 0.4));
        double asym = 0;
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
                asym = Math.max(asym, Math.hypot(nr[0][a * n + b] - nr[0][b * n + a], nr[1][a * n + b] - nr[1][b * n + a]));
        assertTrue(asym > 1e-3, "a flux must break reciprocity, asymmetry " + asym);
    }

    /** ∂S_rp/∂Δ_j = (i/κ_j)G_rj·G_jp and ∂S/∂J_jk = (i/√(κ_jκ_k))[G_{:,j}G_{k,:} + G_{:,k}G_{j,:}] vs central FD. */
    @Property(tries = 30)
    void derivativeFormulasMatchFiniteDifferences(@ForAll long seed) {
        int n = 4;
        Net net = random(seed, n, false, 0);
        double[][] s = s(net);
        double[] kappa = net.model.kappa;
        double num = 0, den = 0;
        for (int j = 0; j < n; j++) {
            double[][] fd = centralDifference(net, net.detuning, j);
            for (int r = 0; r < n; r++)
                for (int p = 0; p < n; p++) {
                    double[] gRj = g(s, n, r, j), gJp = g(s, n, j, p);
                    double pr = gRj[0] * gJp[0] - gRj[1] * gJp[1], pi = gRj[0] * gJp[1] + gRj[1] * gJp[0];
                    double fr = -pi / kappa[j], fi = pr / kappa[j]; // i·z/κ
                    num += sq(fr - fd[0][r * n + p]) + sq(fi - fd[1][r * n + p]);
                    den += sq(fr) + sq(fi);
                }
        }
        int[][] edges = net.model.edges;
        for (int e = 0; e < edges.length; e++) {
            int j = edges[e][0], k = edges[e][1];
            double[][] fd = centralDifference(net, net.coupling, e);
            double scale = 1 / Math.sqrt(kappa[j] * kappa[k]);
            for (int r = 0; r < n; r++)
                for (int p = 0; p < n; p++) {
                    double[] a1 = g(s, n, r, j), b1 = g(s, n, k, p), a2 = g(s, n, r, k), b2 = g(s, n, j, p);
                    double zr = a1[0] * b1[0] - a1[1] * b1[1] + a2[0] * b2[0] - a2[1] * b2[1];
                    double zi = a1[0] * b1[1] + a1[1] * b1[0] + a2[0] * b2[1] + a2[1] * b2[0];
                    double fr = -zi * scale, fi = zr * scale;
                    num += sq(fr - fd[0][r * n + p]) + sq(fi - fd[1][r * n + p]);
                    den += sq(fr) + sq(fi);
                }
        }
        assertTrue(Math.sqrt(num / den) < 1e-7, "relative error " + Math.sqrt(num / den));
    }

    private static double[] g(double[][] s, int n, int a, int b) {
        return new double[]{s[0][a * n + b] - (a == b ? 1 : 0), s[1][a * n + b]};
    }

    private static double[][] centralDifference(Net net, double[] param, int i) {
        double h = 1e-6 * Math.max(1, Math.abs(param[i])), keep = param[i];
        param[i] = keep + h;
        double[][] sp = s(net);
        param[i] = keep - h;
        double[][] sm = s(net);
        param[i] = keep;
        int m = sp[0].length;
        double[][] d = new double[2][m];
        for (int q = 0; q < m; q++) {
            d[0][q] = (sp[0][q] - sm[0][q]) / (2 * h);
            d[1][q] = (sp[1][q] - sm[1][q]) / (2 * h);
        }
        return d;
    }

    private static double sq(double v) {
        return v * v;
    }
}
