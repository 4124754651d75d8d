package dev.pnn.photonic;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.DeviceCount;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.ValueType;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * One block signature of this plugin: the data a {@link BlockType} declares, with its shape rule as a function.
 * The signatures themselves live in {@link PhotonicBlocks}.
 */
record BlockSpec(String name, String module, List<Domain> inputs, Domain output, List<ArgSpec> args,
                 BiFunction<List<ValueType>, Args, Shaping> shaper, String summary,
                 BiFunction<List<ValueType>, Args, Optional<DeviceCount>> counter) implements BlockType {
    BlockSpec {
        inputs = List.copyOf(inputs);
        args = List.copyOf(args);
    }

    /** A block without physical devices to count (digital, or converters counted nowhere). */
    BlockSpec(String name, String module, List<Domain> inputs, Domain output, List<ArgSpec> args,
              BiFunction<List<ValueType>, Args, Shaping> shaper, String summary) {
        this(name, module, inputs, output, args, shaper, summary, (in, a) -> Optional.empty());
    }

    BlockSpec withDevices(BiFunction<List<ValueType>, Args, Optional<DeviceCount>> devices) {
        return new BlockSpec(name, module, inputs, output, args, shaper, summary, devices);
    }

    @Override
    public Optional<DeviceCount> devices(List<ValueType> inputs, Args args) {
        return counter.apply(inputs, args);
    }

    @Override
    public Shaping shape(List<ValueType> inputs, Args args) {
        if (inputs.size() != this.inputs.size())
            return new Shaping.Mismatch(name + " takes " + this.inputs.size() + " signal input(s), got " + inputs.size(), null);
        return shaper.apply(inputs, args);
    }
}
