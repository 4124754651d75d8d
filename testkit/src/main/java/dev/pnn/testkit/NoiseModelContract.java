package dev.pnn.testkit;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.ControlQuantizer;
import dev.pnn.spi.noise.Crosstalk;
import dev.pnn.spi.noise.Drift;
import dev.pnn.spi.noise.Neighbours;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;
import dev.pnn.spi.noise.SignalNoise;
import dev.pnn.spi.noise.StaticError;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every noise model must satisfy, for each of {@link #argumentSets()}: the same seed gives the same draws
 * bit for bit, only {@code [off, off+len)} is touched, an ideal model changes nothing, edge values (zeros, ±large)
 * stay finite, a crosstalk's transpose is the adjoint of its coupling (ALGORITHMS.md §3 item 4), and a quantizer
 * is idempotent.
 */
public interface NoiseModelContract {
    NoiseModelFactory factory();

    /**
     * Argument sets to create models with. Default: one set with a generic value for each required argument
     * (2 for integers, 0.5 for numbers); list ideal settings (σ = 0) here too so the ideal rule is checked.
     */
    default List<Map<String, Value>> argumentSets() {
        Map<String, Value> m = new LinkedHashMap<>();
        for (ArgSpec a : factory().args())
            if (a.fallback() == null) ArgValues.generic(a, 4).ifPresent(v -> m.put(a.name(), v));
        return List.of(m);
    }

    default double largeValue() {
        return 1e3;
    }

    /** Range the model's input values are drawn from: its physical domain (losses in dB are ≥ 0, say). */
    default double[] valueRange() {
        return new double[]{-1, 1};
    }

    /**
     * For a quantizer of a periodic control (a phase DAC): its period, so idempotence is checked modulo it
     * (q(x) = 2π and q(q(x)) = 0 are one phase). 0 means not periodic: q(q(x)) must equal q(x) bit for bit.
     */
    default double quantizerPeriod() {
        return 0;
    }

    private NoiseModel create(int set) {
        List<Map<String, Value>> sets = argumentSets();
        Map<String, Value> given = sets.get(Math.floorMod(set, sets.size()));
        Args args = ArgValues.args(factory().name(), factory().args(), given);
        NoiseModel m = factory().create(args);
        if (m == null) throw new AssertionError("noise model factory '" + factory().name() + "' returned null for " + given);
        if (m.describe() == null || m.describe().isBlank())
            throw new AssertionError("noise model '" + factory().name() + "' " + given + ": describe() is blank");
        return m;
    }

    private double[] values(Rng rng, int n, double scale) {
        double lo = scale * valueRange()[0], hi = scale * valueRange()[1];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = lo + (hi - lo) * rng.nextDouble();
        return v;
    }

    /** Applies the model to {@code values[off..off+len)} drawing from {@code seed}; false when it is not elementwise. */
    private static boolean apply(NoiseModel m, double[] values, int off, int len, long seed) {
        if (m instanceof StaticError s) s.perturb(values, off, len, new Rng(seed));
        else if (m instanceof SignalNoise s) s.apply(values, off, len, new Rng(seed));
        else if (m instanceof ControlQuantizer q) q.quantize(values, off, len);
        else return false;
        return true;
    }

    private String label(int set) {
        return "noise model '" + factory().name() + "' " + argumentSets().get(Math.floorMod(set, argumentSets().size()));
    }

    /** Rethrows a failure with the drawn case appended, so the message carries its counterexample. */
    private void withCounterexample(String sample, Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n  counterexample: " + sample, e);
        }
    }

    @Property(tries = 30)
    default void same_seed_gives_the_same_draws_and_only_the_range_is_touched(
            @ForAll @IntRange(min = 0, max = 7) int set, @ForAll @IntRange(min = 0, max = 6) int len,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withCounterexample(label(set) + ", range [2, " + (2 + len) + ") of " + (len + 4) + " values, seed " + seed,
                () -> sameDraws(set, len, seed));
    }

    private void sameDraws(int set, int len, long seed) {
        NoiseModel m = create(set);
        Rng rng = Rng.derived(seed, "values");
        double[] base = values(rng, len + 4, 1.0);
        double[] a = base.clone(), b = base.clone();
        if (m instanceof Drift d) {
            Drift.Process p = d.start(len), q = d.start(len);
            p.advance(3, new Rng(seed));
            q.advance(3, new Rng(seed));
            if (!Arrays.equals(p.offsets(), q.offsets()))
                throw new AssertionError(label(set) + ": two drift processes advanced with the same seed " + seed
                        + " differ: " + Arrays.toString(p.offsets()) + " vs " + Arrays.toString(q.offsets()));
            return;
        }
        if (!apply(m, a, 2, len, seed)) return;
        apply(m, b, 2, len, seed);
        for (int i = 0; i < a.length; i++) {
            if (Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(b[i]))
                throw new AssertionError(label(set) + " is not deterministic at seed " + seed + ": value[" + i + "] became "
                        + a[i] + " and " + b[i] + " (draw only from the Rng you are given)");
            boolean inside = i >= 2 && i < 2 + len;
            if (!inside && Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(base[i]))
                throw new AssertionError(label(set) + " touched value[" + i + "] outside [off, off+len) = [2, " + (2 + len)
                        + "): " + base[i] + " became " + a[i]);
            if (m.isIdeal() && Double.doubleToLongBits(a[i]) != Double.doubleToLongBits(base[i]))
                throw new AssertionError(label(set) + " says isIdeal() but changed value[" + i + "] from " + base[i]
                        + " to " + a[i]);
        }
    }

    @Property(tries = 20)
    default void edge_values_stay_finite(@ForAll @IntRange(min = 0, max = 7) int set,
                                         @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withCounterexample(label(set) + ", seed " + seed, () -> edgeValues(set, seed));
    }

    private void edgeValues(int set, long seed) {
        NoiseModel m = create(set);
        for (double edge : new double[]{0, largeValue(), valueRange()[0] < 0 ? -largeValue() : 0}) {
            double[] v = new double[5];
            Arrays.fill(v, edge);
            if (m instanceof Crosstalk c) {
                double[] out = new double[5];
                c.couple(v, ring(5), out);
                v = out;
            } else if (m instanceof Drift d) {
                Drift.Process p = d.start(5);
                p.advance(1000, new Rng(seed));
                v = p.offsets();
            } else if (!apply(m, v, 0, 5, seed)) return;
            for (int i = 0; i < v.length; i++)
                if (!Double.isFinite(v[i]))
                    throw new AssertionError(label(set) + " gave a non-finite value " + v[i] + " at [" + i + "] from edge "
                            + "input " + edge + " (seed " + seed + ")");
        }
    }

    @Property(tries = 20)
    default void crosstalk_transpose_is_the_adjoint_and_quantizers_are_idempotent(
            @ForAll @IntRange(min = 0, max = 7) int set, @ForAll @IntRange(min = 2, max = 6) int n,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        withCounterexample(label(set) + ", n " + n + ", seed " + seed, () -> adjointAndIdempotent(set, n, seed));
    }

    private void adjointAndIdempotent(int set, int n, long seed) {
        NoiseModel m = create(set);
        Rng rng = Rng.derived(seed, "x");
        double[] x = values(rng, n, 3.0);
        if (m instanceof Crosstalk c) {
            Neighbours nbr = ring(n);
            AdjointResult r = AdjointCheck.check(z -> {
                double[] out = new double[n];
                c.couple(z, nbr, out);
                return out;
            }, (z, w) -> {
                double[] xb = new double[n];
                c.coupleTranspose(z, nbr, w, xb);
                return xb;
            }, x, seed);
            if (!r.passed())
                throw new AssertionError(label(set) + ": coupleTranspose is not the adjoint of couple's Jacobian: "
                        + r.message() + " at x = " + Arrays.toString(x));
        }
        if (m instanceof ControlQuantizer q) {
            for (double xi : x) {
                double once = q.quantize(xi), twice = q.quantize(once);
                double period = quantizerPeriod();
                boolean same = period > 0
                        ? Math.abs(Math.IEEEremainder(twice - once, period)) <= 1e-12 * period
                        : Double.doubleToLongBits(once) == Double.doubleToLongBits(twice);
                if (!same)
                    throw new AssertionError(label(set) + ": quantize is not idempotent at x = " + xi + ": q(x) = " + once
                            + ", q(q(x)) = " + twice);
            }
        }
    }

    /** Every element's neighbours are the previous and next one (a ring), the shape of a mesh column's list. */
    private static Neighbours ring(int n) {
        int[] start = new int[n + 1];
        int[] index = new int[2 * n];
        for (int i = 0; i < n; i++) {
            start[i + 1] = 2 * (i + 1);
            index[2 * i] = (i + n - 1) % n;
            index[2 * i + 1] = (i + 1) % n;
        }
        return new Neighbours(start, index);
    }
}
