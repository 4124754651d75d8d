package dev.pnn.spi.ir;

import java.util.List;

/**
 * A named part of the flat parameter vector θ. Slices follow IR topological order, then each block's own
 * layout (ALGORITHMS.md §1). {@code lower}/{@code upper} bound the physical range (±∞ when unbounded);
 * periodic slices (phases) are never wrapped by optimizers.
 */
public record ParamSlice(String name, int offset, int length, List<Integer> shape, Unit unit,
                         double lower, double upper, boolean periodic, Init init) {
    public ParamSlice {
        shape = List.copyOf(shape);
        if (offset < 0 || length < 0) throw new IllegalArgumentException("bad slice " + name);
    }

    public int end() {
        return offset + length;
    }

    public ParamSlice at(int newOffset) {
        return new ParamSlice(name, newOffset, length, shape, unit, lower, upper, periodic, init);
    }
}
