package dev.pnn.datasets;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeededSplitProperties {

    /** Examples whose single feature is the row index, so rows can be traced through the split. */
    static Examples indexed(int n, int classes, long seed) {
        Rng rng = new Rng(seed);
        double[] x = new double[n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
            labels[i] = rng.nextInt(classes);
        }
        return new Examples(x, 1, labels, classes, null, 0);
    }

    @Property(tries = 200)
    void splitIsDisjointCoveringSizedAndDeterministic(@ForAll @IntRange(min = 1, max = 300) int n,
                                                      @ForAll @IntRange(min = 1, max = 10) int classes,
                                                      @ForAll @DoubleRange(min = 0, max = 0.99) double f,
                                                      @ForAll long seed, @ForAll boolean stratified) {
        Examples all = indexed(n, classes, seed);
        DataSplit s = SeededSplit.split(all, f, seed, stratified);
        assertEquals((int) Math.ceil(f * n - 1e-9), s.test().size());
        boolean[] seen = new boolean[n];
        for (Examples part : new Examples[]{s.train(), s.test()}) {
            for (int i = 0; i < part.size(); i++) {
                int r = (int) part.x()[i];
                assertFalse(seen[r], "row " + r + " appears twice");
                seen[r] = true;
                assertEquals(all.labels()[r], part.labels()[i], "labels travel with their rows");
            }
        }
        for (boolean b : seen) assertTrue(b, "every row is in train or test");
        DataSplit again = SeededSplit.split(all, f, seed, stratified);
        assertArrayEquals(s.train().x(), again.train().x(), 0.0);
        assertArrayEquals(s.test().x(), again.test().x(), 0.0);
    }

    @Property(tries = 200)
    void stratifiedSplitKeepsClassSharesWithinOne(@ForAll @IntRange(min = 1, max = 300) int n,
                                                  @ForAll @IntRange(min = 1, max = 10) int classes,
                                                  @ForAll @DoubleRange(min = 0, max = 0.99) double f,
                                                  @ForAll long seed) {
        Examples all = indexed(n, classes, seed);
        DataSplit s = SeededSplit.split(all, f, seed, true);
        int[] total = Digits8x8Test.count(all), test = Digits8x8Test.count(s.test());
        double share = (double) s.test().size() / n;
        for (int c = 0; c < classes; c++) {
            assertTrue(Math.abs(test[c] - share * total[c]) < 1 + 1e-9,
                    "class " + c + ": " + test[c] + " of " + total[c] + " at share " + share);
        }
    }

    @Property(tries = 50)
    void differentSeedsGiveDifferentSplits(@ForAll long seed) {
        Examples all = indexed(200, 3, 7);
        DataSplit a = SeededSplit.split(all, 0.25, seed, true);
        DataSplit b = SeededSplit.split(all, 0.25, seed + 1, true);
        // two uniform draws of 50 of 200 coincide with negligible probability
        assertFalse(Arrays.equals(a.test().x(), b.test().x()));
    }

    @Property(tries = 20)
    void splitDependsOnlyOnTheDerivedSplitSeed(@ForAll long seed) {
        // same examples, same seed: the test set is the same set of rows whatever else happened before
        Examples all = indexed(50, 2, 1);
        int[] order = new int[50];
        for (int i = 0; i < 50; i++) order[i] = i;
        Rng.derived(seed, "split").shuffle(order);
        DataSplit s = SeededSplit.split(all, 0.2, seed, false);
        for (int i = 0; i < 10; i++) assertEquals(order[i], (int) s.test().x()[i]);
    }
}
