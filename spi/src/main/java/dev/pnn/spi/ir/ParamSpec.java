package dev.pnn.spi.ir;

import java.util.List;

/**
 * A block's declaration of one trainable parameter group, before the compiler places it in θ.
 * The compiler names the resulting {@link ParamSlice} {@code <node>.<name>}.
 */
public record ParamSpec(String name, List<Integer> shape, Unit unit, double lower, double upper,
                        boolean periodic, Init init) {
    public ParamSpec {
        shape = List.copyOf(shape);
    }

    public int length() {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    public static ParamSpec phases(String name, int count) {
        return new ParamSpec(name, List.of(count), Unit.RAD, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                true, new Init.Uniform(0, 2 * Math.PI));
    }

    public static ParamSpec weights(String name, List<Integer> shape, Init init) {
        return new ParamSpec(name, shape, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, init);
    }
}
