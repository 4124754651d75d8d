package dev.pnn.physics;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The physics-native trainer factories. Each declares exactly the one capability it uses, so the compiler refuses
 * it on hardware that cannot relax, echo or be probed coherently.
 */
final class PhysicsTrainers {
    private PhysicsTrainers() {
    }

    static List<TrainerFactory> all() {
        return List.of(ep(), coupled(), heb(), scatteringBp());
    }

    static TrainerFactory ep() {
        return new Factory("ep", Set.of(Capability.ENERGY), TrainerKind.DESCENT_DIRECTION,
                List.of(ArgSpec.number("beta", 0.1, "nudging strength β (> 0); error O(β) one-sided, O(β²) symmetric"),
                        ArgSpec.bool("symmetric", false, "nudge with +β and −β (one more relaxation, error O(β²))")),
                (a, ctx) -> {
                    double beta = positive(a, "beta", 0.1);
                    EnergyView v = ctx.device().view(EnergyView.class);
                    // per sample: free and nudged states, ∂E/∂θ at two states (the "lazy" EP of §10's pitfalls)
                    ctx.reportStoredDoubles(3L * v.stateSize() + 2L * ctx.graph().paramCount());
                    return new EquilibriumPropagation(v, ctx.loss(), inputWidth(ctx),
                            a.bool("symmetric", false) ? EquilibriumPropagation.Mode.SYMMETRIC
                                    : EquilibriumPropagation.Mode.ONE_SIDED, beta);
                },
                "equilibrium propagation: free and nudged relaxations, local dE/dθ contrast / β (pnn.energy)");
    }

    static TrainerFactory coupled() {
        return new Factory("coupled", Set.of(Capability.ENERGY), TrainerKind.DESCENT_DIRECTION,
                List.of(ArgSpec.number("eta", 0.1, "clamping fraction η ∈ (0, 1]: outputs held at y + η(t − y)")),
                (a, ctx) -> {
                    double eta = positive(a, "eta", 0.1);
                    if (eta > 1) throw new PnnException("coupled(eta: " + eta + ") clamps beyond the target",
                            "use 0 < eta <= 1 (0.1 is typical)");
                    EnergyView v = ctx.device().view(EnergyView.class);
                    ctx.reportStoredDoubles(2L * v.stateSize() + 2L * ctx.graph().paramCount());
                    return new EquilibriumPropagation(v, ctx.loss(), inputWidth(ctx),
                            EquilibriumPropagation.Mode.COUPLED, eta);
                },
                "coupled learning: free vs output-clamped relaxations (pnn.energy)");
    }

    static TrainerFactory heb() {
        return new Factory("heb", Set.of(Capability.ECHO), TrainerKind.DESCENT_DIRECTION,
                List.of(ArgSpec.number("epsilon", 1e-3, "error injection strength ε; bias O(ε), O(ε²) symmetric"),
                        ArgSpec.bool("symmetric", false, "second echo with −ε (error O(ε²))")),
                (a, ctx) -> {
                    EchoView v = ctx.device().view(EchoView.class);
                    // the read-out wave, the injected signal and one or two momentum readings
                    ctx.reportStoredDoubles(4L * v.modes() + 2L * ctx.graph().paramCount());
                    return new EchoBackprop(v, ctx.loss(), inputWidth(ctx), positive(a, "epsilon", 1e-3),
                            a.bool("symmetric", false));
                },
                "Hamiltonian echo backprop: forward, inject error, time-reverse, echo, read learning momentum (pnn.echo)");
    }

    static TrainerFactory scatteringBp() {
        return new Factory("scattering_bp", Set.of(Capability.SCATTERING), TrainerKind.EXACT_GRADIENT, List.of(),
                (a, ctx) -> {
                    ScatteringView v = ctx.device().view(ScatteringView.class);
                    if (!v.reciprocal())
                        throw new PnnException("scattering_bp needs a reciprocal scattering network (S = S^T); this "
                                + "device is not reciprocal",
                                "use a device without non-reciprocal couplings, or a trainer that does not rely on reciprocity");
                    ctx.reportStoredDoubles(6L * v.ports()); // the two measured field vectors and the injection
                    return new ScatteringBackprop(v, ctx.loss(), inputWidth(ctx));
                },
                "scattering backprop: gradient of every detuning and coupling from two coherent probes (pnn.scattering)");
    }

    private static int inputWidth(TrainerContext ctx) {
        return ctx.graph().inputs().get(0).type().width();
    }

    private static double positive(Args a, String key, double fallback) {
        double v = a.number(key, fallback);
        if (!(v > 0) || !Double.isFinite(v))
            throw new PnnException(a.owner() + "(" + key + ": " + v + ") must be a positive number",
                    "for example " + key + ": " + fallback);
        return v;
    }

    private record Factory(String name, Set<Capability> requires, TrainerKind kind, List<ArgSpec> args,
                           BiFunction<Args, TrainerContext, Trainer> maker, String summary) implements TrainerFactory {
        @Override
        public Trainer create(Args args, TrainerContext context) {
            return maker.apply(args, context);
        }
    }
}
