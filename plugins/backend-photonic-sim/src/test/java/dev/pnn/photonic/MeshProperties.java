package dev.pnn.photonic;

import dev.pnn.spi.Rng;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The mesh oracles of ALGORITHMS.md §2.1–2.3 on the applied matrix of {@link MeshKernel}. */
class MeshProperties {

    static MeshLayout layout(boolean reck, int n) {
        return reck ? MeshLayout.reck(n) : MeshLayout.clements(n);
    }

    static double[] randomPhases(Rng rng, int count) {
        double[] t = new double[count];
        for (int i = 0; i < count; i++) t[i] = 2 * Math.PI * rng.nextDouble();
        return t;
    }

    static MeshErrors randomErrors(Rng rng, MeshLayout layout, double sigma) {
        MeshErrors e = MeshErrors.ideal(layout);
        for (int i = 0; i < e.phaseOffset().length; i++) e.phaseOffset()[i] = sigma * rng.nextGaussian();
        for (int m = 0; m < layout.mzis(); m++) {
            e.delta1()[m] = sigma * rng.nextGaussian();
            e.delta2()[m] = sigma * rng.nextGaussian();
        }
        return e;
    }

    /** max_ij |(U U†)_ij − δ_ij| and the same for U† U. */
    static double unitarityError(double[][] u, int n) {
        double worst = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double r1 = 0, i1 = 0, r2 = 0, i2 = 0;
                for (int k = 0; k < n; k++) {
                    // (U U†)_ij = Σ_k U_ik conj(U_jk)
                    double ar = u[0][i * n + k], ai = u[1][i * n + k], br = u[0][j * n + k], bi = u[1][j * n + k];
                    r1 += ar * br + ai * bi;
                    i1 += ai * br - ar * bi;
                    // (U† U)_ij = Σ_k conj(U_ki) U_kj
                    double cr = u[0][k * n + i], ci = u[1][k * n + i], dr = u[0][k * n + j], di = u[1][k * n + j];
                    r2 += cr * dr + ci * di;
                    i2 += cr * di - ci * dr;
                }
                double d = i == j ? 1 : 0;
                worst = Math.max(worst, Math.max(Math.hypot(r1 - d, i1), Math.hypot(r2 - d, i2)));
            }
        return worst;
    }

    static double[][] matrix(MeshLayout layout, MeshErrors errors, double[] phases) {
        return new MeshKernel(layout, 0, errors, PhaseMap.IDENTITY).matrix(phases);
    }

    @Property(tries = 60)
    void meshesAreUnitaryForRandomPhases(@ForAll @IntRange(min = 2, max = 16) int n, @ForAll boolean reck,
                                         @ForAll long seed) {
        MeshLayout layout = layout(reck, n);
        Rng rng = new Rng(seed);
        double[][] u = matrix(layout, MeshErrors.ideal(layout), randomPhases(rng, n * n));
        assertTrue(unitarityError(u, n) < 1e-12, () -> layout.kind() + " N=" + n + ": ‖UU†−I‖ = " + unitarityError(u, n));
    }

    @Property(tries = 60)
    void meshesStayUnitaryWithSplitterAndPhaseErrors(@ForAll @IntRange(min = 2, max = 16) int n, @ForAll boolean reck,
                                                     @ForAll long seed) {
        MeshLayout layout = layout(reck, n);
        Rng rng = new Rng(seed);
        double[][] u = matrix(layout, randomErrors(rng, layout, 0.1), randomPhases(rng, n * n));
        assertTrue(unitarityError(u, n) < 1e-12, () -> "‖UU†−I‖ = " + unitarityError(u, n));
    }

    @Property(tries = 30)
    void parameterCountIsNSquaredWithNChoose2Mzis(@ForAll @IntRange(min = 2, max = 64) int n, @ForAll boolean reck) {
        MeshLayout layout = layout(reck, n);
        assertEquals(n * (n - 1) / 2, layout.mzis());
        assertEquals(n * n, layout.params());
        assertEquals(n * n, 2 * layout.mzis() + n);
    }

    @Property(tries = 40)
    void barStateEverywhereGivesIdentityModuli(@ForAll @IntRange(min = 2, max = 16) int n, @ForAll boolean reck,
                                               @ForAll long seed) {
        MeshLayout layout = layout(reck, n);
        double[] t = randomPhases(new Rng(seed), n * n);
        for (int m = 0; m < layout.mzis(); m++) t[layout.thetaIndex(m)] = Math.PI;
        double[][] u = matrix(layout, MeshErrors.ideal(layout), t);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                assertEquals(i == j ? 1 : 0, Math.hypot(u[0][i * n + j], u[1][i * n + j]), 1e-12);
    }

    @Property(tries = 15)
    void allZeroClementsIsTheReversalPermutation(@ForAll @IntRange(min = 2, max = 16) int n) {
        MeshLayout layout = MeshLayout.clements(n);
        double[][] u = matrix(layout, MeshErrors.ideal(layout), new double[n * n]);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                assertEquals(i == n - 1 - j ? 1 : 0, Math.hypot(u[0][i * n + j], u[1][i * n + j]), 1e-12,
                        "|U[" + i + "][" + j + "]|");
    }

    /** T = i e^{iθ/2} [[e^{iφ} sin(θ/2), cos(θ/2)], [e^{iφ} cos(θ/2), −sin(θ/2)]] (§2.1). */
    @Property(tries = 100)
    void mziMatchesTheClosedForm(@ForAll long seed) {
        Rng rng = new Rng(seed);
        double th = 4 * Math.PI * (rng.nextDouble() - 0.5), ph = 4 * Math.PI * (rng.nextDouble() - 0.5);
        MeshLayout layout = MeshLayout.clements(2);
        double[][] u = matrix(layout, MeshErrors.ideal(layout), new double[]{th, ph, 0, 0});
        double gr = -Math.sin(th / 2), gi = Math.cos(th / 2); // i e^{iθ/2}
        double s = Math.sin(th / 2), c = Math.cos(th / 2);
        double[][] expected = {
                {s * Math.cos(ph), s * Math.sin(ph)}, {c, 0},
                {c * Math.cos(ph), c * Math.sin(ph)}, {-s, 0}};
        for (int e = 0; e < 4; e++) {
            double er = gr * expected[e][0] - gi * expected[e][1], ei = gr * expected[e][1] + gi * expected[e][0];
            assertEquals(er, u[0][e], 1e-14, "Re T entry " + e);
            assertEquals(ei, u[1][e], 1e-14, "Im T entry " + e);
        }
    }

    /** With δ₁ = δ₂ = δ, the cross state leaks |T₀₀(0, φ)|² = sin²(2δ). */
    @Property(tries = 50)
    void crossStateLeakageFollowsSplitterError(@ForAll long seed) {
        Rng rng = new Rng(seed);
        double delta = 0.2 * (rng.nextDouble() - 0.5);
        MeshLayout layout = MeshLayout.clements(2);
        MeshErrors e = MeshErrors.ideal(layout);
        e.delta1()[0] = delta;
        e.delta2()[0] = delta;
        double[][] u = matrix(layout, e, new double[]{0, 2 * Math.PI * rng.nextDouble(), 0, 0});
        double leak = u[0][0] * u[0][0] + u[1][0] * u[1][0];
        assertEquals(Math.pow(Math.sin(2 * delta), 2), leak, 1e-15);
    }

    @Property(tries = 40)
    void squaredModuliAreDoublyStochastic(@ForAll @IntRange(min = 2, max = 16) int n, @ForAll boolean reck,
                                          @ForAll long seed) {
        MeshLayout layout = layout(reck, n);
        Rng rng = new Rng(seed);
        double[][] u = matrix(layout, randomErrors(rng, layout, 0.05), randomPhases(rng, n * n));
        for (int i = 0; i < n; i++) {
            double row = 0, col = 0;
            for (int j = 0; j < n; j++) {
                row += u[0][i * n + j] * u[0][i * n + j] + u[1][i * n + j] * u[1][i * n + j];
                col += u[0][j * n + i] * u[0][j * n + i] + u[1][j * n + i] * u[1][j * n + i];
            }
            assertEquals(1, row, 1e-12, "row " + i);
            assertEquals(1, col, 1e-12, "column " + i);
        }
    }

    @Property(tries = 10)
    void clementsColumnsAlternatePairParity(@ForAll @IntRange(min = 2, max = 12) int n) {
        MeshLayout l = MeshLayout.clements(n);
        int prevColumn = -1, prevK = -1;
        for (int m = 0; m < l.mzis(); m++) {
            int c = l.column()[m], k = l.upper()[m];
            assertEquals(c % 2, k % 2, "MZI " + m + " in column " + c + " starts at mode " + k);
            if (c == prevColumn) assertEquals(prevK + 2, k, "pairs ascend by 2 within a column");
            else assertEquals(c % 2, k, "a column starts at its parity");
            prevColumn = c;
            prevK = k;
        }
        // N = 2 has a single MZI: column 1 would start at mode 1, past the last pair
        assertEquals(n == 2 ? 0 : n - 1, prevColumn);
    }

    @Property(tries = 10)
    void reckDiagonalsDescend(@ForAll @IntRange(min = 2, max = 12) int n) {
        MeshLayout l = MeshLayout.reck(n);
        int m = 0;
        for (int d = 1; d <= n - 1; d++)
            for (int k = d - 1; k >= 0; k--) assertEquals(k, l.upper()[m++]);
    }

    /** An MZI with amplitude transmission t is t times the lossless one. */
    @Property(tries = 20)
    void lossyMziScalesTheMatrix(@ForAll long seed) {
        MeshLayout layout = MeshLayout.clements(2);
        Rng rng = new Rng(seed);
        double[] phases = randomPhases(rng, 4);
        MeshErrors lossy = MeshErrors.ideal(layout);
        double t = 0.5 + 0.5 * rng.nextDouble();
        lossy.transmission()[0] = t;
        double[][] u = matrix(layout, lossy, phases), v = matrix(layout, MeshErrors.ideal(layout), phases);
        for (int i = 0; i < 4; i++) {
            assertEquals(t * v[0][i], u[0][i], 1e-15);
            assertEquals(t * v[1][i], u[1][i], 1e-15);
        }
    }
}
