package dev.pnn.tt;

import dev.pnn.spi.Capability;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.train.Trainer;
import dev.pnn.spi.train.TrainerContext;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;

import java.util.List;
import java.util.Set;

/** {@code trainer = tt_zo(queries: 8, mu: 0.01, direction: gaussian, antithetic: false, blocks: whole);} */
final class TtZoFactory implements TrainerFactory {
    /** The physics-informed plan keys (the plan is a PDE problem when it has a residual). */
    @Override
    public java.util.Set<String> readsPlanKeys() {
        return PdeProblem.PLAN_KEYS;
    }

    @Override
    public String name() {
        return "tt_zo";
    }

    @Override
    public String summary() {
        return "zeroth-order (Gaussian/Rademacher) training over TT cores; forward queries only; PDE plans use Stein derivatives";
    }

    @Override
    public Set<Capability> requires() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public TrainerKind kind() {
        return TrainerKind.UNBIASED_ESTIMATE;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(ArgSpec.integer("queries", 8, "random directions per step (per slice with blocks: slices)"),
                ArgSpec.number("mu", 0.01, "perturbation size in parameter units"),
                ArgSpec.symbol("direction", "gaussian", List.of("gaussian", "rademacher"), "distribution of the directions"),
                ArgSpec.bool("antithetic", false, "use ±μu pairs (central differences)"),
                ArgSpec.symbol("blocks", "whole", List.of("whole", "slices"),
                        "whole: perturb all of θ at once; slices: one parameter slice (TT core, matrix, bias) per direction"));
    }

    @Override
    public Trainer create(Args args, TrainerContext context) {
        int queries = args.integer("queries", 8);
        double mu = args.number("mu", 0.01);
        if (queries < 1) throw new dev.pnn.spi.PnnException("tt_zo: queries must be >= 1, got " + queries, "use queries: 8");
        if (!(mu > 0)) throw new dev.pnn.spi.PnnException("tt_zo: mu must be > 0, got " + mu, "use mu: 0.01");
        List<ParamSlice> blocks = args.symbol("blocks", "whole").equals("slices") ? context.graph().slices() : List.of();
        PinnObjective pinn = context.plan().filter(PdeProblem::isPde).map(p -> new PinnObjective(PdeProblem.from(p))).orElse(null);
        ForwardView fv = context.device().view(ForwardView.class);
        return new TtZoTrainer(queries, mu, args.symbol("direction", "gaussian").equals("rademacher"),
                args.bool("antithetic", false), blocks, context.seed(), fv, pinn,
                pinn == null ? context.loss() : null, context.graph().outputNode().type().width());
    }
}
