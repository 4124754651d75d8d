package dev.pnn.tt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MziCountTest {
    @Test
    void squareMatrixNeedsTwoUnitariesAndADiagonal() {
        // 64x64: 2016 + 2016 + 64 = 64²
        assertEquals(4096, MziCount.dense(64, 64));
        for (int n = 1; n < 20; n++) assertEquals((long) n * n, MziCount.dense(n, n));
    }

    @Test
    void thinMatricesOnlyFixTheColumnsTheyUse() {
        // 64x2: U fixes 2 columns of a 64-mode unitary (63 + 62), V is a 2x2 (1), Σ has 2
        assertEquals(63 + 62 + 1 + 2, MziCount.dense(64, 2));
        assertEquals(MziCount.dense(2, 64), MziCount.dense(64, 2));
        // a column vector: one isometry of n−1 MZIs, nothing on the 1-mode side, one attenuator
        assertEquals(15 + 0 + 1, MziCount.dense(16, 1));
    }

    @Test
    void ttCountsOneMeshPerCore() {
        TtShape s = new TtShape(new int[]{4, 4, 4}, new int[]{4, 4, 4}, new int[]{1, 4, 4, 1});
        // cores as (m r) x (r' n): 16x4, 16x16, 4x16
        assertEquals(MziCount.matrix(16, 4) + MziCount.matrix(16, 16) + MziCount.matrix(4, 16), MziCount.tt(s));
        assertEquals(64 + 256 + 64, MziCount.tt(s));
        assertEquals(16 + 16 + 16, MziCount.ttPasses(s));
    }
}
