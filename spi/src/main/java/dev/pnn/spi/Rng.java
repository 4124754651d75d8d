package dev.pnn.spi;

/**
 * The one random stream type of pnn: SplitMix64 with our own Box–Muller normals (ALGORITHMS.md §1), so a seed
 * gives the same numbers on every JDK. Not thread-safe: give each thread its own {@link Seeds#derive derived}
 * stream.
 */
public final class Rng {
    private long state;
    private double spareNormal;
    private boolean hasSpare;

    public Rng(long seed) {
        this.state = seed;
    }

    public static Rng derived(long seed, String label) {
        return new Rng(Seeds.derive(seed, label));
    }

    public long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform integer in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("bound must be positive");
        return (int) Math.floorMod(nextLong() >>> 1, (long) bound);
    }

    /** Standard normal by Box–Muller; u₁ ∈ (0, 1], both outputs used in order. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareNormal;
        }
        double u1 = 1.0 - nextDouble();
        double u2 = nextDouble();
        double r = Math.sqrt(-2.0 * Math.log(u1));
        double t = 2.0 * Math.PI * u2;
        spareNormal = r * Math.sin(t);
        hasSpare = true;
        return r * Math.cos(t);
    }

    /** ±1 with equal probability (Rademacher). */
    public double nextSign() {
        return (nextLong() & 1L) == 0 ? 1.0 : -1.0;
    }

    /** The stream's position (for checkpoints): restoring it continues the stream exactly. */
    public long[] state() {
        return new long[]{state, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareNormal)};
    }

    /** Continues from a position saved by {@link #state()}. */
    public void restore(long[] saved) {
        if (saved.length != 3) throw new IllegalArgumentException("an Rng state has 3 values, got " + saved.length);
        state = saved[0];
        hasSpare = saved[1] != 0;
        spareNormal = Double.longBitsToDouble(saved[2]);
    }

    /** Fisher–Yates shuffle of {@code a} in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
