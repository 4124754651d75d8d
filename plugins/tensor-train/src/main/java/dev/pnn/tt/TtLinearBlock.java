package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.DeviceCount;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code tt_linear(x: real[N], ms: [...], ns: [...], ranks: [...], bias: true) -> real[M]}: a linear layer whose
 * M×N weight is a tensor train (ALGORITHMS.md §9). Parameters: {@code core1..coreK}, each shaped
 * [r_{k−1}, m_k, n_k, r_k], then {@code bias[M]}. Cores start N(0, s²) with s = (N·Π r_k)^(−1/(2K)) so that
 * Var W_ij = 1/N, the same scale as a dense {@code linear}.
 */
final class TtLinearBlock implements BlockType {
    static final String NAME = "tt_linear";
    static final String MODULE = "tensor_train";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "y = W x + b with W a tensor train (cores realized as small MZI meshes); params core1..coreK, bias";
    }

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public List<Domain> inputs() {
        return List.of(Domain.REAL);
    }

    @Override
    public Domain output() {
        return Domain.REAL;
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(ArgSpec.list("ms", null, "output factors m_k, M = Π m_k"),
                ArgSpec.list("ns", null, "input factors n_k, N = Π n_k (must equal the input width)"),
                ArgSpec.list("ranks", null, "TT ranks [1, r_1, ..., r_{K-1}, 1]"),
                ArgSpec.bool("bias", true, "add a learnable bias"));
    }

    /** The cores as small MZI meshes (rule in {@link MziCount}); dense equivalent: one M×N mesh. */
    @Override
    public java.util.Optional<DeviceCount> devices(List<ValueType> inputs, Args args) {
        TtShape s = shapeOf(args);
        return java.util.Optional.of(new DeviceCount("MZI", MziCount.tt(s), MziCount.dense(s.rows(), s.cols())));
    }

    /**
     * The cores of the TT-SVD of a trained dense layer (ALGORITHMS.md §9), at the block's ranks: where an unfolding
     * has lower rank than asked, the missing rank channels are zero, which leaves W = the TT-SVD product.
     */
    @Override
    public java.util.Optional<java.util.Map<String, double[]>> fromDense(Args args, double[] weight, int rows, int cols) {
        TtShape target = shapeOf(args);
        if (rows != target.rows() || cols != target.cols() || weight.length != rows * cols) return java.util.Optional.empty();
        TtSvd.Result r = TtSvd.decompose(weight, target.ms(), target.ns(), target.ranks(), 0);
        java.util.Map<String, double[]> cores = new java.util.LinkedHashMap<>();
        for (int k = 0; k < target.cores(); k++) {
            int r0 = target.ranks()[k], m = target.ms()[k], n = target.ns()[k], r1 = target.ranks()[k + 1];
            int q0 = r.shape().ranks()[k], q1 = r.shape().ranks()[k + 1];
            double[] core = new double[r0 * m * n * r1];
            int from = r.shape().coreOffset(k);
            for (int a = 0; a < q0; a++)
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++)
                        for (int b = 0; b < q1; b++)
                            core[((a * m + i) * n + j) * r1 + b] = r.cores()[from + ((a * m + i) * n + j) * q1 + b];
            cores.put("core" + (k + 1), core);
        }
        return java.util.Optional.of(cores);
    }

    static TtShape shapeOf(Args args) {
        return TtShape.of(args.ints("ms"), args.ints("ns"), args.ints("ranks"));
    }

    @Override
    public Shaping shape(List<ValueType> inputs, Args args) {
        if (inputs.size() != 1) return new Shaping.Mismatch("tt_linear takes one signal input, got " + inputs.size(), null);
        TtShape s;
        try {
            s = shapeOf(args);
        } catch (PnnException e) {
            String arg = e.getMessage().contains("rank") ? "ranks" : "ms";
            return new Shaping.Mismatch(e.getMessage(), arg);
        } catch (RuntimeException e) {
            return new Shaping.Mismatch("tt_linear: ms, ns and ranks must be lists of integers (" + e.getMessage() + ")", "ms");
        }
        int n = inputs.get(0).width();
        if (s.cols() != n)
            return new Shaping.Mismatch("tt_linear: ns " + java.util.Arrays.toString(s.ns()) + " multiply to N = " + s.cols()
                    + " but the input is " + inputs.get(0), "ns");
        double prod = 1;
        for (int k = 1; k < s.cores(); k++) prod *= s.ranks()[k];
        double std = Math.pow(1.0 / (n * prod), 1.0 / (2 * s.cores()));
        List<ParamSpec> params = new ArrayList<>();
        for (int k = 0; k < s.cores(); k++)
            params.add(ParamSpec.weights("core" + (k + 1),
                    List.of(s.ranks()[k], s.ms()[k], s.ns()[k], s.ranks()[k + 1]), new Init.Normal(0, std)));
        if (args.bool("bias", true)) params.add(ParamSpec.weights("bias", List.of(s.rows()), new Init.Constant(0)));
        return new Shaping.Ok(s.rows(), params);
    }
}
