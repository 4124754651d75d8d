package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class TtSvdProperties {

    @Property(tries = 30)
    void recoversAnExactRank35Matrix(@ForAll long seed) {
        Rng rng = new Rng(seed);
        TtShape s = new TtShape(new int[]{4, 4, 4}, new int[]{2, 4, 8}, new int[]{1, 3, 5, 1});
        double[] cores = TtContractionProperties.gaussian(rng, s.paramCount());
        double[] w = TtContraction.dense(s, cores, 0);
        TtSvd.Result r = TtSvd.decompose(w, s.ms(), s.ns(), new int[]{1, 64, 64, 1}, 1e-10);
        assertArrayEquals(new int[]{1, 3, 5, 1}, r.shape().ranks());
        assertTrue(TtSvd.relativeError(TtContraction.dense(r.shape(), r.cores(), 0), w) < 1e-12);
    }

    @Property(tries = 40)
    void fullRanksReproduceAnyMatrix(@ForAll long seed) {
        Rng rng = new Rng(seed);
        TtShape probe = TtContractionProperties.randomShape(rng);
        double[] w = TtContractionProperties.gaussian(rng, probe.rows() * probe.cols());
        int[] big = new int[probe.cores() + 1];
        java.util.Arrays.fill(big, 1000);
        big[0] = big[probe.cores()] = 1;
        TtSvd.Result r = TtSvd.decompose(w, probe.ms(), probe.ns(), big, 0);
        assertTrue(TtSvd.relativeError(TtContraction.dense(r.shape(), r.cores(), 0), w) < 1e-12);
    }

    @Test
    void truncationKeepsTheRequestedRankAndLosesAccuracyOnAFullRankMatrix() {
        Rng rng = new Rng(7);
        double[] w = TtContractionProperties.gaussian(rng, 16 * 16);
        TtSvd.Result r = TtSvd.decompose(w, new int[]{4, 4}, new int[]{4, 4}, new int[]{1, 2, 1}, 0);
        assertArrayEquals(new int[]{1, 2, 1}, r.shape().ranks());
        // a Gaussian 16x16 matrix has interleaved-unfolding rank 16, so rank 2 cannot be exact
        assertTrue(TtSvd.relativeError(TtContraction.dense(r.shape(), r.cores(), 0), w) > 0.1);
    }

    @Test
    void wrongSizeIsAPnnException() {
        assertThrows(PnnException.class, () -> TtSvd.decompose(new double[10], new int[]{2, 2}, new int[]{2, 2}, new int[]{1, 2, 1}, 0));
    }

    /**
     * tt_linear.fromDense (the warm start from a dense layer) gives cores at the block's own ranks whose product is
     * the dense matrix, also when the matrix has lower TT rank than the block (the missing channels are zero).
     */
    @Property(tries = 30)
    void blockFromDenseReproducesAMatrixOfAtMostTheBlocksRank(@ForAll long seed, @ForAll boolean lowerRank) {
        Rng rng = new Rng(seed);
        TtShape source = new TtShape(new int[]{4, 4}, new int[]{4, 4}, new int[]{1, lowerRank ? 2 : 4, 1});
        double[] w = TtContraction.dense(source, TtContractionProperties.gaussian(rng, source.paramCount()), 0);
        dev.pnn.spi.ir.Args args = new dev.pnn.spi.ir.Args("tt_linear", java.util.Map.of(
                "ms", list(4, 4), "ns", list(4, 4), "ranks", list(1, 4, 1)));
        java.util.Map<String, double[]> cores = new TtLinearBlock().fromDense(args, w, 16, 16).orElseThrow();
        TtShape target = new TtShape(new int[]{4, 4}, new int[]{4, 4}, new int[]{1, 4, 1});
        assertEquals(java.util.List.of("core1", "core2"), java.util.List.copyOf(cores.keySet()));
        double[] flat = new double[target.paramCount()];
        System.arraycopy(cores.get("core1"), 0, flat, target.coreOffset(0), cores.get("core1").length);
        System.arraycopy(cores.get("core2"), 0, flat, target.coreOffset(1), cores.get("core2").length);
        assertEquals(target.paramCount(), cores.get("core1").length + cores.get("core2").length);
        assertTrue(TtSvd.relativeError(TtContraction.dense(target, flat, 0), w) < 1e-12);
        assertTrue(new TtLinearBlock().fromDense(args, w, 16, 8).isEmpty(), "a matrix of another size is not taken");
    }

    private static dev.pnn.spi.ir.Value list(int... xs) {
        java.util.List<dev.pnn.spi.ir.Value> v = new java.util.ArrayList<>();
        for (int x : xs) v.add(new dev.pnn.spi.ir.Value.Num(x));
        return new dev.pnn.spi.ir.Value.ListV(v);
    }
}
