package dev.pnn.spi.block;

import dev.pnn.spi.Named;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.ValueType;

import java.util.List;

/**
 * The static signature of a block usable in a {@code network}: which domains its signal inputs must be in, which
 * domain it produces, its named arguments, and how its output width and parameters follow from input widths and
 * arguments. The compiler checks domains, units and argument kinds generically; {@link #shape} only computes
 * widths and parameters. How a block <em>computes</em> is a backend's business.
 */
public interface BlockType extends Named {
    /** Blocks of module "core" are always visible; others need {@code use <module>;}. */
    String module();

    /** One domain per positional signal input. */
    List<Domain> inputs();

    Domain output();

    List<ArgSpec> args();

    /** Output width and parameter layout for the given input types (domains already checked). */
    Shaping shape(List<ValueType> inputs, Args args);

    /**
     * How many physical devices (MZIs, rings, crossbar cells...) this block needs for the given inputs and
     * arguments, next to what a dense realization of the same map would need; empty when the notion does not
     * apply (digital blocks). The compiler reports the totals per network.
     */
    default java.util.Optional<DeviceCount> devices(List<ValueType> inputs, Args args) {
        return java.util.Optional.empty();
    }

    /**
     * This block's parameters for a given dense weight matrix (rows × cols, row-major), by parameter name
     * ({@code core1}, ...): how a warm start ({@code init = params("...")}) fills this block from a run of a
     * network that had a dense {@code linear} layer of the same id in its place, e.g. a tensor-train layer from the
     * TT-SVD of the trained dense layer. Empty when the block cannot take a dense matrix.
     */
    default java.util.Optional<java.util.Map<String, double[]>> fromDense(dev.pnn.spi.ir.Args args, double[] weight,
                                                                        int rows, int cols) {
        return java.util.Optional.empty();
    }

    /** True when the block converts between domains (modulator, detector, ADC): used to suggest fixes. */
    default boolean converts() {
        return inputs().stream().anyMatch(d -> !d.equals(output()));
    }
}
