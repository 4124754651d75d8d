package dev.pnn.runtime;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns a profile's noise setting ({@code gaussian(sigma: 0.05 rad)}, {@code shot_noise(photons: 1e4) +
 * adc(bits: 10)}) into noise models from whichever plugin provides them, in written order. The compiler has
 * already bound each call's arguments with their defaults filled in. Used by training and by evaluation.
 */
public final class NoiseResolver implements Function<Value, List<NoiseModel>> {
    private final Catalog catalog;
    private final Loc where;

    /** @param where the profile line that errors point at */
    public NoiseResolver(Catalog catalog, Loc where) {
        this.catalog = catalog;
        this.where = where;
    }

    @Override
    public List<NoiseModel> apply(Value v) {
        List<NoiseModel> out = new ArrayList<>();
        collect(v, out);
        return out;
    }

    private void collect(Value v, List<NoiseModel> out) {
        if (v instanceof Value.Op op && op.operator().equals("+")) {
            for (Value part : op.flatten()) collect(part, out);
        } else if (v instanceof Value.Call || v instanceof Value.Sym) {
            Value.Call call = TrainingPlan.asCall(v);
            NoiseModelFactory f = catalog.noiseModels().find(call.name()).orElseThrow(() -> new PnnException(
                    "unknown noise model '" + call.name() + "'", where,
                    "noise models available: " + String.join(", ", catalog.noiseModels().names())));
            out.add(f.create(Args.of(call)));
        } else {
            throw new PnnException("'" + v + "' is not a noise model", where,
                    "write a noise model call such as gaussian(sigma: 0.05 rad), or a sum of them with +");
        }
    }
}
