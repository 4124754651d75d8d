package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;

/**
 * Splits examples into train and test by a seed. The test set has ⌈f·n⌉ examples (the scikit-learn rule, so
 * 1797 digits at 20 % give 1437/360). One permutation π is drawn with {@code Rng.derived(seed, "split")};
 * both sets keep π's order. Unstratified: the first ⌈f·n⌉ of π are the test set. Stratified (the default):
 * each class gets its share of the test set by largest remainders (ties to the lower class), and walking π,
 * an example goes to the test set while its class's share is not yet filled, so each class is split in the
 * data set's proportion and the draw within a class is still uniform. The two sets are disjoint and cover all
 * examples.
 */
final class SeededSplit {
    private SeededSplit() {
    }

    static int testCount(int n, double fraction) {
        // the 1e-9 guards against 0.2·1000 = 200.00000000000003 rounding up to 201
        return (int) Math.min(n, Math.ceil(fraction * n - 1e-9));
    }

    static double fraction(String dataset, double value) {
        if (!(value >= 0 && value < 1)) {
            throw new PnnException(dataset + ": test must be a fraction in [0, 1) such as 20% or 0.2, got " + value,
                    "write e.g. test: 20%");
        }
        return value;
    }

    static DataSplit split(Examples all, double fraction, long seed, boolean stratified) {
        int n = all.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Rng.derived(seed, "split").shuffle(order);
        int nTest = testCount(n, fraction);
        boolean[] isTest = new boolean[n];
        if (stratified && all.isClassification()) {
            int[] quota = quotas(all.labels(), all.classes(), nTest);
            for (int r : order) {
                int c = all.labels()[r];
                if (quota[c] > 0) {
                    quota[c]--;
                    isTest[r] = true;
                }
            }
        } else {
            for (int i = 0; i < nTest; i++) isTest[order[i]] = true;
        }
        int[] test = new int[nTest];
        int[] train = new int[n - nTest];
        int a = 0, b = 0;
        for (int r : order) {
            if (isTest[r]) test[a++] = r;
            else train[b++] = r;
        }
        return new DataSplit(all.subset(train), all.subset(test));
    }

    /** Largest-remainder apportionment of {@code total} test slots over classes in proportion to their sizes. */
    static int[] quotas(int[] labels, int classes, int total) {
        int[] count = new int[classes];
        for (int l : labels) count[l]++;
        int n = labels.length;
        int[] quota = new int[classes];
        double[] remainder = new double[classes];
        int given = 0;
        for (int c = 0; c < classes; c++) {
            double exact = (double) total * count[c] / n;
            quota[c] = (int) Math.floor(exact);
            remainder[c] = exact - quota[c];
            given += quota[c];
        }
        while (given < total) {
            int best = -1;
            for (int c = 0; c < classes; c++) {
                if (quota[c] < count[c] && (best < 0 || remainder[c] > remainder[best])) best = c;
            }
            quota[best]++;
            remainder[best] = -1;
            given++;
        }
        return quota;
    }
}
