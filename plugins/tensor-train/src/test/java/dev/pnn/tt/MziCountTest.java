package dev.pnn.tt;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MziCountTest {
    @Test
    void denseSquareMatrixNeedsTwoUnitariesAndADiagonal() {
        // 64x64: 2016 + 2016 + 64
        assertEquals(4096, MziCount.dense(64, 64));
        assertEquals(3 + 0 + 1, MziCount.dense(3, 1)); // U: 3 MZIs, V: 1x1 needs none, Σ: 1
    }

    @Test
    void ttCountsOneMeshPerCore() {
        TtShape s = new TtShape(new int[]{4, 4, 4}, new int[]{4, 4, 4}, new int[]{1, 4, 4, 1});
        // cores as (m r) x (r' n): 16x4, 16x16, 4x16
        assertEquals(MziCount.matrix(16, 4) + MziCount.matrix(16, 16) + MziCount.matrix(4, 16), MziCount.tt(s));
        assertEquals(130 + 256 + 130, MziCount.tt(s));
        assertEquals(16 + 16 + 16, MziCount.ttPasses(s));
    }
}
