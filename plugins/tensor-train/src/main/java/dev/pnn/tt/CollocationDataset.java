package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code data = collocation(points: 2048, dims: 2, seed: 1);} the interior collocation points of a
 * physics-informed plan, uniform in the normalized box [0, 1]^dims, as a data set: the training loop shuffles and
 * batches them like any data, and {@code tt_zo} / {@code pinn_backprop} use each batch as that step's interior
 * points (boundary points are drawn by the trainer from the plan's {@code collocation} entry). Targets are 0 (the
 * residual's target) so a plain {@code loss = mse} evaluates to the mean squared network output, which means
 * nothing for a PDE; the physics loss is the training loss the trainer reports.
 */
final class CollocationDataset implements DatasetFactory {
    @Override
    public String name() {
        return "collocation";
    }

    @Override
    public String summary() {
        return "uniform interior collocation points in [0,1]^dims for physics-informed plans";
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(ArgSpec.integer("points", 1024, "number of interior points"),
                ArgSpec.integer("dims", 2, "number of PDE variables (the network input width)"),
                ArgSpec.integer("seed", 0, "sampling seed"));
    }

    @Override
    public DataSplit load(Args args, Path baseDir) {
        int n = args.integer("points", 1024), d = args.integer("dims", 2);
        if (n < 1 || d < 1)
            throw new PnnException("collocation: points and dims must be >= 1, got points " + n + ", dims " + d,
                    "e.g. collocation(points: 2048, dims: 2)");
        Rng rng = new Rng(Seeds.derive(args.integer("seed", 0), "collocation-data"));
        double[] x = new double[n * d];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
        Examples train = new Examples(x, d, null, 0, new double[n], 1);
        Examples test = new Examples(new double[0], d, null, 0, new double[0], 1);
        return new DataSplit(train, test);
    }
}
