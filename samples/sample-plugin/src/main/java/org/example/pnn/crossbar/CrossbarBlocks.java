package org.example.pnn.crossbar;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks of module {@code crossbar} ({@code use crossbar;}):
 * <ul>
 *   <li>{@code crossbar(x: real[n], out: int, levels: int = 32, bias: bool = true) -> real[out]}: input voltages
 *       on the rows, one differential column pair per output; learnable signed weights {@code weight[out, n]}
 *       and {@code bias[out]} (a row driven at 1 V), each in [-1, 1] = the normalized conductance difference;</li>
 *   <li>{@code sense(x: real[n]) -> real[n]}: the column sense amplifier, which saturates: y = tanh(x).</li>
 * </ul>
 */
final class CrossbarBlocks {
    static final String MODULE = "crossbar";

    private CrossbarBlocks() {
    }

    static List<BlockType> all() {
        return List.of(crossbar(), sense());
    }

    static BlockType crossbar() {
        return new Block("crossbar", MODULE, List.of(Domain.REAL), Domain.REAL,
                List.of(ArgSpec.integer("out", null, "number of outputs (differential column pairs)"),
                        ArgSpec.integer("levels", 32, "programmable conductance levels per device between g_min and "
                                + "g_max (0 = continuous, analog programming)"),
                        ArgSpec.bool("bias", true, "add a bias row driven at 1 V")),
                (in, args) -> {
                    int n = in.get(0).width(), out = args.integer("out");
                    int levels = args.integer("levels", 32);
                    if (out < 1) return new Shaping.Mismatch("crossbar(out: " + out + ") needs at least one output", "out");
                    if (levels == 1 || levels < 0)
                        return new Shaping.Mismatch("crossbar(levels: " + levels + ") needs 0 (continuous) or at least 2 "
                                + "levels", "levels");
                    List<ParamSpec> params = new ArrayList<>();
                    params.add(weights("weight", List.of(out, n), 1 / Math.sqrt(n)));
                    if (args.bool("bias", true)) params.add(weights("bias", List.of(out), 0.1));
                    return new Shaping.Ok(out, params);
                },
                "memristor crossbar: I = G V with signed weights as differential conductance pairs (G+ - G-)/g0");
    }

    /** Weights live in [-1, 1] (the programmable window); initialized uniform in ±scale. */
    private static ParamSpec weights(String name, List<Integer> shape, double scale) {
        double s = Math.min(1, scale);
        return new ParamSpec(name, shape, null, -1, 1, false, new Init.Uniform(-s, s));
    }

    static BlockType sense() {
        return new Block("sense", MODULE, List.of(Domain.REAL), Domain.REAL, List.of(),
                (in, args) -> Shaping.Ok.of(in.get(0).width()),
                "saturating sense amplifier on the column currents: y = tanh(x)");
    }
}
