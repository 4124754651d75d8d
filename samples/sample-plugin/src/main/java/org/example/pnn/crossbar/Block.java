package org.example.pnn.crossbar;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.ValueType;

import java.util.List;
import java.util.function.BiFunction;

/** A block signature given by its parts; how it computes lives in the backend's kernels. */
record Block(String name, String module, List<Domain> inputs, Domain output, List<ArgSpec> args,
             BiFunction<List<ValueType>, Args, Shaping> shaper, String summary) implements BlockType {
    @Override
    public Shaping shape(List<ValueType> in, Args a) {
        return shaper.apply(in, a);
    }
}
