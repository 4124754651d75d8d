package dev.pnn.photonic;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.DeviceCount;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;

import java.util.List;
import java.util.Optional;

/**
 * The block signatures of the photonic simulator, as fixed by the language conventions: {@code modulate},
 * {@code clements}, {@code reck}, {@code photodetect} in module {@code photonics}; {@code take}, {@code gain},
 * {@code linear}, {@code bias}, {@code relu}, {@code tanh} in module {@code core}. Parameter layouts follow
 * ALGORITHMS.md §2.2 (meshes) and the conventions (row-major {@code weight[out, n]}).
 */
final class PhotonicBlocks {
    static final String PHOTONICS = "photonics";
    static final String CORE = "core";
    static final String MZI = "MZI";

    private PhotonicBlocks() {
    }

    static List<BlockType> all() {
        return List.of(modulate(), clements(), reck(), photodetect(), take(), gain(), linear(), bias(),
                elementwise("relu", "max(x, 0) elementwise"), elementwise("tanh", "tanh(x) elementwise"));
    }

    static BlockType modulate() {
        return new BlockSpec("modulate", PHOTONICS, List.of(Domain.REAL), Domain.FIELD,
                List.of(ArgSpec.symbol("mode", "amplitude", List.of("amplitude", "phase"),
                        "amplitude: E = x; phase: E = exp(i x)")),
                (in, args) -> Shaping.Ok.of(in.get(0).width()),
                "electrical values -> optical field (amplitude or phase encoding)");
    }

    static BlockType clements() {
        return new BlockSpec("clements", PHOTONICS, List.of(Domain.FIELD), Domain.FIELD,
                List.of(ArgSpec.integer("modes", 0, "number of modes; must equal the input width (0 = the input width)")),
                (in, args) -> {
                    int n = in.get(0).width();
                    int modes = args.integer("modes", 0);
                    if (modes != 0 && modes != n)
                        return new Shaping.Mismatch("clements(modes: " + modes + ") expects field[" + modes
                                + "] but its input is " + in.get(0), "modes");
                    return meshShape("clements", n);
                },
                "rectangular MZI mesh (Clements): N(N-1)/2 MZIs plus an output phase screen, N^2 phases")
                .withDevices((in, args) -> meshDevices(in.get(0).width()));
    }

    static BlockType reck() {
        return new BlockSpec("reck", PHOTONICS, List.of(Domain.FIELD), Domain.FIELD, List.of(),
                (in, args) -> meshShape("reck", in.get(0).width()),
                "triangular MZI mesh (Reck): N(N-1)/2 MZIs plus an output phase screen, N^2 phases")
                .withDevices((in, args) -> meshDevices(in.get(0).width()));
    }

    /** A universal N-mode mesh is already dense: N(N-1)/2 MZIs either way (phase screens are not counted). */
    private static Optional<DeviceCount> meshDevices(long n) {
        long mzis = n * (n - 1) / 2;
        return Optional.of(new DeviceCount(MZI, mzis, mzis));
    }

    private static Shaping meshShape(String op, int n) {
        if (n < 2) return new Shaping.Mismatch(op + " needs at least 2 modes but its input is field[" + n + "]", null);
        return Shaping.Ok.of(n, ParamSpec.phases("phases", n * n));
    }

    static BlockType photodetect() {
        return new BlockSpec("photodetect", PHOTONICS, List.of(Domain.FIELD), Domain.REAL, List.of(),
                (in, args) -> Shaping.Ok.of(in.get(0).width()),
                "optical field -> detected power |E|^2");
    }

    static BlockType take() {
        return new BlockSpec("take", CORE, List.of(Domain.REAL), Domain.REAL,
                List.of(ArgSpec.range("indices", "inclusive index range to keep, e.g. 0..9")),
                (in, args) -> {
                    int n = in.get(0).width();
                    Value.Range r = args.range("indices");
                    if (r.from() < 0 || r.to() < r.from() || r.to() >= n)
                        return new Shaping.Mismatch("take(" + r + ") needs indices within 0.." + (n - 1)
                                + " of its input " + in.get(0) + " (a range of length " + r.length()
                                + " gives real[" + Math.max(r.length(), 0) + "])", "indices");
                    return Shaping.Ok.of(r.length());
                },
                "keep a contiguous range of entries");
    }

    static BlockType gain() {
        return new BlockSpec("gain", CORE, List.of(Domain.REAL), Domain.REAL,
                List.of(ArgSpec.number("init", 1.0, "initial value of the learnable scalar gain gamma")),
                (in, args) -> Shaping.Ok.of(in.get(0).width(),
                        ParamSpec.weights("gamma", List.of(1), new Init.Constant(args.number("init", 1.0)))),
                "y = gamma * x with one learnable scalar gamma");
    }

    static BlockType linear() {
        return new BlockSpec("linear", CORE, List.of(Domain.REAL), Domain.REAL,
                List.of(ArgSpec.integer("out", null, "output width"),
                        ArgSpec.bool("bias", true, "add a learnable bias")),
                (in, args) -> {
                    int n = in.get(0).width();
                    int out = args.integer("out");
                    if (out < 1) return new Shaping.Mismatch("linear(out: " + out + ") must produce at least real[1] from "
                            + in.get(0), "out");
                    if (n < 1) return new Shaping.Mismatch("linear needs an input of width >= 1, got " + in.get(0), null);
                    ParamSpec weight = ParamSpec.weights("weight", List.of(out, n), new Init.Normal(0, Math.sqrt(1.0 / n)));
                    if (!args.bool("bias", true)) return Shaping.Ok.of(out, weight);
                    return Shaping.Ok.of(out, weight, ParamSpec.weights("bias", List.of(out), new Init.Constant(0)));
                },
                // digital: no devices counted. BlockType.devices cannot see the backend, and on photonic_sim (and in
                // every digital MLP sample) linear runs in electronics, so counting MZIs for it would mislead.
                "y = W x + b, W[out, n] row-major ~ N(0, 1/n)");
    }

    static BlockType bias() {
        return new BlockSpec("bias", CORE, List.of(Domain.REAL), Domain.REAL, List.of(),
                (in, args) -> Shaping.Ok.of(in.get(0).width(),
                        ParamSpec.weights("b", List.of(in.get(0).width()), new Init.Constant(0))),
                "y = x + b with a learnable vector b");
    }

    static BlockType elementwise(String name, String summary) {
        return new BlockSpec(name, CORE, List.of(Domain.REAL), Domain.REAL, List.of(),
                (in, args) -> Shaping.Ok.of(in.get(0).width()), summary);
    }
}
