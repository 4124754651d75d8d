package dev.pnn.runtime.eval;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.train.GradientTrainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharpnessProperties {
    static final Examples ONE = new Examples(new double[]{0}, 1, new int[]{0}, 1, null, 0);

    /** A = QΛQᵀ with Q orthogonal (Gram–Schmidt of a Gaussian matrix): its eigenvalues are Λ by construction. */
    static double[][] withEigenvalues(double[] lambda, Rng r) {
        int n = lambda.length;
        double[][] q = new double[n][n];
        for (int k = 0; k < n; k++) {
            for (int i = 0; i < n; i++) q[k][i] = r.nextGaussian();
            for (int j = 0; j < k; j++) {
                double d = 0;
                for (int i = 0; i < n; i++) d += q[k][i] * q[j][i];
                for (int i = 0; i < n; i++) q[k][i] -= d * q[j][i];
            }
            double norm = 0;
            for (int i = 0; i < n; i++) norm += q[k][i] * q[k][i];
            norm = Math.sqrt(norm);
            for (int i = 0; i < n; i++) q[k][i] /= norm;
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int k = 0; k < n; k++) a[i][j] += q[k][i] * lambda[k] * q[k][j];
        return a;
    }

    static GradientTrainer quadratic(double[][] a) {
        return (theta, batch, grad) -> {
            double loss = 0;
            for (int i = 0; i < theta.length; i++) {
                double s = 0;
                for (int j = 0; j < theta.length; j++) s += a[i][j] * theta[j];
                grad[i] = s;
                loss += 0.5 * theta[i] * s;
            }
            return loss;
        };
    }

    /** §5 oracle: power iteration on ½θᵀAθ returns the top eigenvalue of A within 1e-9 relative. */
    @Property(tries = 30)
    void quadraticGivesTheTopEigenvalue(@ForAll @IntRange(min = 1, max = 8) int n, @ForAll long seed) {
        Rng r = new Rng(seed);
        double[] lambda = new double[n];
        for (int i = 0; i < n; i++) lambda[i] = 0.1 + 10 * r.nextDouble();
        // Keep a relative eigen-gap of ≥ 25%. The §5 stopping rule |Δλ| < 1e-10·|λ| bounds the eigenvalue error
        // only by about 1e-10·|λ|/(1 − r²) with r = λ₂/λ₁: with a 5% gap that is 1.1e-9, above the oracle's 1e-9
        // (seen failing at 1.0e-9); with 25% it is 2.8e-10. The stopping rule stays as the spec states it.
        Arrays.sort(lambda);
        if (n > 1) lambda[n - 1] = Math.max(lambda[n - 1], lambda[n - 2] * 1.25);
        double[][] a = withEigenvalues(lambda, r);
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) theta[i] = r.nextGaussian();
        double[] before = theta.clone();
        Sharpness.Result res = Sharpness.lambdaMax(quadratic(a), theta, ONE, 64, Sharpness.Options.defaults(seed));
        assertEquals(lambda[n - 1], res.lambdaMax(), 1e-9 * lambda[n - 1], res.toString());
        assertTrue(res.converged());
        assertArrayEquals(before, theta, 0.0);
    }

    /** The dominant eigenvalue −5 is negative: the shifted rerun must still find the largest algebraic one, 2. */
    @Test
    void negativeDominantEigenvalueIsShiftedAway() {
        Rng r = new Rng(3);
        double[][] a = withEigenvalues(new double[]{-5, 1, 2}, r);
        Sharpness.Result res = Sharpness.lambdaMax(quadratic(a), new double[]{0.3, -0.2, 0.5}, ONE, 64,
                Sharpness.Options.defaults(1));
        assertEquals(2.0, res.lambdaMax(), 1e-8);
    }

    @Test
    void sameSeedSameResultBitForBit() {
        double[][] a = withEigenvalues(new double[]{1, 2, 3, 3.5}, new Rng(8));
        double[] theta = {1, 2, 3, 4};
        Sharpness.Options o = new Sharpness.Options(1e-6, 50, 17);
        assertEquals(Sharpness.lambdaMax(quadratic(a), theta, ONE, 64, o),
                Sharpness.lambdaMax(quadratic(a), theta, ONE, 64, o));
    }

    @Test
    void subsetIsSeededAndCapped() {
        double[] x = new double[20];
        for (int i = 0; i < 20; i++) x[i] = i;
        Examples ex = new Examples(x, 1, new int[20], 2, null, 0);
        Examples a = Sharpness.subset(ex, 8, 5), b = Sharpness.subset(ex, 8, 5), c = Sharpness.subset(ex, 8, 6);
        assertEquals(8, a.size());
        assertArrayEquals(a.x(), b.x(), 0.0);
        assertTrue(!Arrays.equals(a.x(), c.x()));
        assertEquals(20, Sharpness.subset(ex, 1024, 5).size());
    }

    /** The chunked gradient is the gradient of the mean over all rows: L = mean_b ½ c_b θᵀAθ has Hessian mean(c)·A. */
    @Test
    void chunksAreWeightedByTheirRows() {
        double[][] a = withEigenvalues(new double[]{1, 4}, new Rng(2));
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        Examples ex = new Examples(x, 1, new int[7], 1, null, 0);
        GradientTrainer weighted = (theta, batch, grad) -> {
            double c = 0;
            for (int r = 0; r < batch.size(); r++) c += batch.inputs().re[r];
            c /= batch.size();
            for (int i = 0; i < theta.length; i++) {
                double s = 0;
                for (int j = 0; j < theta.length; j++) s += a[i][j] * theta[j];
                grad[i] = c * s;
            }
            return 0;
        };
        Sharpness.Result r = Sharpness.lambdaMax(weighted, new double[]{0.5, 0.1}, ex, 3, Sharpness.Options.defaults(4));
        assertEquals(4.0 * 4.0, r.lambdaMax(), 1e-8); // mean(x) = 4, top eigenvalue 4
        assertEquals(7, r.samples());
    }
}
