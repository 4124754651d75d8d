package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.util.List;

/** Argument declarations and checks shared by {@code sgd} and {@code adam}. */
final class OptimizerArgs {
    private OptimizerArgs() {
    }

    static List<ArgSpec> schedule() {
        return List.of(
                ArgSpec.integer("halve_every", 0, "halve the learning rate every N epochs (0 = never)"),
                ArgSpec.number("decay", 0.5, "multiply the learning rate by this every 'every' epochs"),
                ArgSpec.integer("every", 0, "epochs between decays (0 = never)"),
                ArgSpec.number("average", 0.0, "keep an exponential average of the iterates with this decay β in "
                                                + "[0, 1) and report it as the result (0 = off)"),
                ArgSpec.integer("average_from", 0, "epoch (0-based) from which the average starts"));
    }

    static double positive(Args args, String name) {
        double v = args.number(name);
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new PnnException(args.owner() + ": " + name + " must be a positive number, got " + v,
                    "e.g. " + name + ": 0.01");
        }
        return v;
    }

    static double inUnitInterval(Args args, String name, double fallback) {
        double v = args.number(name, fallback);
        if (!(v >= 0 && v < 1)) {
            throw new PnnException(args.owner() + ": " + name + " must be in [0, 1), got " + v, "e.g. " + name + ": 0.9");
        }
        return v;
    }

    static void checkState(String who, double kind, int expected, double[] state) {
        if (state == null || state.length != expected || state[0] != kind) {
            throw new PnnException(who + ": the saved optimizer state does not fit (" + (state == null ? "none"
                    : state.length + " values" + (state.length > 0 && state[0] != kind ? ", saved by another optimizer" : ""))
                    + "; expected " + expected + " values)",
                    "resume with the same optimizer and network the checkpoint was written with");
        }
    }
}
