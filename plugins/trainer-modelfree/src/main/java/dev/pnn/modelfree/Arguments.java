package dev.pnn.modelfree;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.TrainerContext;

/** Argument checks shared by this plugin's factories, with messages that say which trainer and what to write. */
final class Arguments {
    private Arguments() {
    }

    static double positive(Args args, String name, double fallback) {
        double v = args.number(name, fallback);
        if (!(v > 0) || Double.isInfinite(v))
            throw new PnnException(args.owner() + ": argument '" + name + "' must be a positive number, got " + v,
                    "write e.g. " + args.owner() + "(" + name + ": " + fallback + ")");
        return v;
    }

    static double nonNegative(Args args, String name, double fallback) {
        double v = args.number(name, fallback);
        if (!(v >= 0) || Double.isInfinite(v))
            throw new PnnException(args.owner() + ": argument '" + name + "' must be >= 0, got " + v,
                    "write e.g. " + args.owner() + "(" + name + ": " + fallback + ")");
        return v;
    }

    static int atLeast(Args args, String name, int fallback, int min) {
        int v = args.integer(name, fallback);
        if (v < min)
            throw new PnnException(args.owner() + ": argument '" + name + "' must be >= " + min + ", got " + v,
                    "write e.g. " + args.owner() + "(" + name + ": " + fallback + ")");
        return v;
    }

    static BatchLoss batchLoss(TrainerContext context) {
        return new BatchLoss(context.device().view(ForwardView.class), context.loss(),
                context.graph().outputNode().type());
    }
}
