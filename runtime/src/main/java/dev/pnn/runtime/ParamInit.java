package dev.pnn.runtime;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSlice;

/**
 * Initial θ: each slice drawn from its own stream {@code derive(seed, "init/" + slice name)}, so adding a block
 * elsewhere in the network does not change how the others start.
 */
final class ParamInit {
    private ParamInit() {
    }

    static double[] initial(Graph graph, long seed) {
        double[] theta = new double[graph.paramCount()];
        for (ParamSlice s : graph.slices()) {
            Rng rng = Rng.derived(seed, "init/" + s.name());
            Init init = s.init() == null ? new Init.Constant(0) : s.init();
            for (int i = s.offset(); i < s.end(); i++) theta[i] = draw(init, rng);
        }
        return theta;
    }

    private static double draw(Init init, Rng rng) {
        if (init instanceof Init.Uniform u) return u.low() + (u.high() - u.low()) * rng.nextDouble();
        if (init instanceof Init.Normal n) return n.mean() + n.std() * rng.nextGaussian();
        return ((Init.Constant) init).value();
    }
}
