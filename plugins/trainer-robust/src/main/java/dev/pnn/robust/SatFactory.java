package dev.pnn.robust;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@code sat(rho: 0.2, base: backprop, scale: global)}: sharpness-aware training over any gradient trainer. */
final class SatFactory implements TrainerFactory {
    static final String DEFAULT_BASE = "backprop";

    @Override
    public String name() {
        return "sat";
    }

    @Override
    public String summary() {
        return "sharpness-aware training (SAM two-step) over a gradient trainer: offline over backprop, online over pat";
    }

    /** What the default base (backprop) needs; {@link #requires(Args, Function)} gives the real answer. */
    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.TWIN);
    }

    @Override
    public Set<Capability> requires(Args args, Function<Value.Call, Set<Capability>> nestedRequirements) {
        return nestedRequirements.apply(baseCall(args));
    }

    @Override
    public TrainerKind kind() {
        return TrainerKind.DESCENT_DIRECTION;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(
                ArgSpec.number("rho", 0.05, "radius ρ of the adversarial step ε = ρ·g/‖g‖"),
                ArgSpec.call("base", new Value.Sym(DEFAULT_BASE), "the gradient trainer SAT wraps (backprop, pat, ...)"),
                ArgSpec.symbol("scale", "global", List.of("global", "per_slice"),
                        "global: ‖ε‖ = ρ; per_slice: ε in units of each slice's RMS parameter scale"));
    }

    @Override
    public Trainer create(Args args, TrainerContext context) {
        double rho = args.number("rho", 0.05);
        if (!(rho >= 0) || Double.isInfinite(rho))
            throw new PnnException("sat: rho must be a finite number ≥ 0, got " + rho, "write e.g. sat(rho: 0.05)");
        AscentStep.Scale scale = switch (args.symbol("scale", "global")) {
            case "global" -> AscentStep.Scale.GLOBAL;
            case "per_slice" -> AscentStep.Scale.PER_SLICE;
            default -> throw new PnnException("sat: scale must be global or per_slice, got " + args.symbol("scale"),
                    "write sat(rho: 0.05, scale: per_slice)");
        };
        Value.Call baseCall = baseCall(args);
        Trainer base = context.nested(baseCall);
        if (!(base instanceof GradientTrainer g))
            throw new PnnException("sat: base trainer '" + baseCall.name() + "' updates θ itself and gives no gradient",
                    "SAT wraps a gradient trainer: use base: backprop or base: pat");
        return new SharpnessAwareTrainer(g, rho, new AscentStep(rho, scale, context.graph().slices()));
    }

    private static Value.Call baseCall(Args args) {
        return args.get("base").map(dev.pnn.spi.ir.TrainingPlan::asCall)
                .orElse(new Value.Call(DEFAULT_BASE, List.of(), java.util.Map.of()));
    }
}
