package dev.pnn.modelfree;

import java.util.Arrays;

/**
 * Packs a trainer's resumable state into the {@code long[]} of {@link dev.pnn.spi.train.Trainer#state()}: longs
 * as they are, doubles as raw bits, arrays and nested states (an {@link dev.pnn.spi.Rng}) length-prefixed so a
 * state of the wrong shape is refused instead of silently misread.
 */
final class SavedState {
    private long[] out = new long[16];
    private int size;

    SavedState add(long v) {
        if (size == out.length) out = Arrays.copyOf(out, 2 * size);
        out[size++] = v;
        return this;
    }

    SavedState add(double v) {
        return add(Double.doubleToRawLongBits(v));
    }

    SavedState add(double[] values) {
        add(values.length);
        for (double v : values) add(v);
        return this;
    }

    SavedState add(long[] values) {
        add(values.length);
        for (long v : values) add(v);
        return this;
    }

    long[] toArray() {
        return Arrays.copyOf(out, size);
    }

    /** Reads a state back in the order it was written; {@link #done} checks nothing was left over. */
    static final class Reader {
        private final long[] in;
        private final String owner;
        private int at;

        Reader(long[] in, String owner) {
            this.in = in;
            this.owner = owner;
        }

        long nextLong() {
            if (at >= in.length) throw new IllegalArgumentException(owner + " state is too short (" + in.length + " values)");
            return in[at++];
        }

        double nextDouble() {
            return Double.longBitsToDouble(nextLong());
        }

        long[] nextLongs() {
            int n = length();
            long[] v = Arrays.copyOfRange(in, at, at + n);
            at += n;
            return v;
        }

        /** Reads an array into {@code into}, whose length it must have. */
        void nextDoubles(double[] into) {
            int n = length();
            if (n != into.length)
                throw new IllegalArgumentException(owner + " state holds " + n + " values where " + into.length + " were expected");
            for (int i = 0; i < n; i++) into[i] = Double.longBitsToDouble(in[at++]);
        }

        double[] nextDoubles() {
            double[] v = new double[length()];
            for (int i = 0; i < v.length; i++) v[i] = Double.longBitsToDouble(in[at++]);
            return v;
        }

        private int length() {
            long n = nextLong();
            if (n < 0 || n > in.length - at)
                throw new IllegalArgumentException(owner + " state is damaged (an array of " + n + " values)");
            return (int) n;
        }

        void done() {
            if (at != in.length)
                throw new IllegalArgumentException(owner + " state has " + (in.length - at) + " values too many");
        }
    }
}
