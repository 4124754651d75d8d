package dev.pnn.kerr;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.ValueType;

import java.util.List;

/**
 * {@code kerr_lattice(x, sites: 16, steps: 200, dt: 0.05, g: 0.8, coupling: 1, outputs: 2)} in module
 * {@code physics}: the input's values are launched as real amplitudes on the first sites, the wave evolves for
 * T = steps·dt, and the intensities |a_r(T)|² of the output sites are the outputs: the last {@code outputs}
 * sites, or with {@code readout: spread} sites spread evenly along the chain (site ⌊(k + ½)·sites/outputs⌋). Learnable:
 * the on-site fields θ ({@code fields}, one per site and time segment, row-major [segments, sites]).
 */
final class KerrBlock implements BlockType {
    static final String NAME = "kerr_lattice";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "lattice of coupled Kerr modes (time-reversible); learnable on-site fields; outputs are output-site intensities";
    }

    @Override
    public String module() {
        return "physics";
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
        return List.of(
                ArgSpec.integer("sites", 16, "number of modes in the chain"),
                ArgSpec.integer("steps", 200, "Strang steps per pass"),
                ArgSpec.number("dt", 0.05, "time step h; a pass lasts T = steps * dt"),
                ArgSpec.number("g", 0.8, "Kerr nonlinearity (H has (g/2)|a|^4 per site)"),
                ArgSpec.number("coupling", 1.0, "nearest-neighbour coupling J"),
                ArgSpec.integer("outputs", 2, "output sites (the last ones); their intensities are the outputs"),
                ArgSpec.number("input_scale", 1.0, "launch amplitude per unit of input"),
                ArgSpec.integer("segments", 1, "time slices of the learning field, each with its own on-site fields"),
                ArgSpec.symbol("readout", "end", List.of("end", "spread"),
                        "output sites: the last ones (end) or evenly spread along the chain (spread)"));
    }

    @Override
    public Shaping shape(List<ValueType> in, Args a) {
        if (in.size() != 1) return new Shaping.Mismatch(NAME + " takes one signal input, got " + in.size(), null);
        int width = in.get(0).width(), sites = a.integer("sites", 16), outputs = a.integer("outputs", 2);
        if (sites < 2) return new Shaping.Mismatch(NAME + " needs at least 2 sites, got " + sites, "sites");
        if (width > sites)
            return new Shaping.Mismatch(NAME + "(sites: " + sites + ") cannot launch its input " + in.get(0)
                    + ": one site per input value; use sites >= " + width, "sites");
        if (outputs < 1 || outputs > sites)
            return new Shaping.Mismatch(NAME + " needs 1 <= outputs <= sites (" + sites + "), got " + outputs, "outputs");
        if (a.integer("steps", 200) < 1) return new Shaping.Mismatch(NAME + " needs steps >= 1", "steps");
        int segments = a.integer("segments", 1);
        if (segments < 1 || segments > a.integer("steps", 200))
            return new Shaping.Mismatch(NAME + " needs 1 <= segments <= steps, got " + segments, "segments");
        double dt = a.number("dt", 0.05);
        if (!(dt > 0)) return new Shaping.Mismatch(NAME + " needs dt > 0, got " + dt, "dt");
        return Shaping.Ok.of(outputs, new ParamSpec("fields", List.of(segments, sites), null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, new Init.Uniform(-0.5, 0.5)));
    }
}
