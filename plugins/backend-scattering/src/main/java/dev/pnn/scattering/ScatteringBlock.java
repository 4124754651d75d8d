package dev.pnn.scattering;

import dev.pnn.spi.block.BlockType;
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
 * {@code scattering(x, modes: 8, outputs: 2, kappa: 1, ...)} in module {@code physics}: a coupled-resonator
 * network whose first modes' detunings carry the input (Δ_j = θ_j + input_scale·x_j), probed at port
 * {@code probe} with unit amplitude; the outputs are the intensities |S_rp|² at the last {@code outputs} ports.
 * Learnable: every mode's detuning offset ({@code detunings}, n) and every coupling ({@code couplings}, one per
 * edge of the topology). The input–output map is nonlinear although the physics is linear.
 */
final class ScatteringBlock implements BlockType {
    static final String NAME = "scattering";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "coupled-resonator scattering network, input written into detunings; learnable detunings and couplings";
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
                ArgSpec.integer("modes", 8, "resonators (one port each)"),
                ArgSpec.integer("outputs", 2, "output ports (the last ones), read as intensities |S_rp|^2"),
                ArgSpec.integer("probe", 0, "the probed port (must not be an output)"),
                ArgSpec.number("kappa", 1.0, "external coupling rate of every port (of the probe and output ports when tap > 0)"),
                ArgSpec.number("tap", 0.0, "when > 0: the other modes have only a weak tap monitor of this coupling rate"),
                ArgSpec.number("gamma", 0.0, "internal loss rate of every mode"),
                ArgSpec.number("omega", 0.0, "probe frequency"),
                ArgSpec.number("input_scale", 1.0, "detuning shift per unit of input"),
                ArgSpec.symbol("topology", "all", List.of("all", "chain"), "which mode pairs are coupled"),
                ArgSpec.number("flux", 0.0, "synthetic flux phase on every coupling (non-zero breaks reciprocity)"));
    }

    static int[][] edges(int n, String topology) {
        List<int[]> e = new ArrayList<>();
        for (int j = 0; j < n; j++)
            for (int k = j + 1; k < n; k++) if (topology.equals("all") || k == j + 1) e.add(new int[]{j, k});
        return e.toArray(new int[0][]);
    }

    @Override
    public Shaping shape(List<ValueType> in, Args a) {
        if (in.size() != 1) return new Shaping.Mismatch(NAME + " takes one signal input, got " + in.size(), null);
        int width = in.get(0).width(), n = a.integer("modes", 8), outputs = a.integer("outputs", 2);
        int probe = a.integer("probe", 0);
        if (n < 2) return new Shaping.Mismatch(NAME + " needs at least 2 modes, got " + n, "modes");
        if (width > n)
            return new Shaping.Mismatch(NAME + "(modes: " + n + ") cannot take input " + in.get(0)
                    + ": each input value detunes one mode; use modes >= " + width, "modes");
        if (outputs < 1 || outputs >= n)
            return new Shaping.Mismatch(NAME + " needs 1 <= outputs < modes (" + n + "), got " + outputs, "outputs");
        if (probe < 0 || probe >= n - outputs)
            return new Shaping.Mismatch(NAME + "(probe: " + probe + ") must be a port in 0.." + (n - outputs - 1)
                    + ", not an output port", "probe");
        if (!(a.number("kappa", 1.0) > 0))
            return new Shaping.Mismatch(NAME + " needs kappa > 0: a mode without a port is invisible to scattering "
                    + "backprop", "kappa");
        if (!(a.number("gamma", 0.0) >= 0)) return new Shaping.Mismatch(NAME + " needs gamma >= 0", "gamma");
        if (!(a.number("tap", 0.0) >= 0)) return new Shaping.Mismatch(NAME + " needs tap >= 0", "tap");
        int edges = edges(n, a.symbol("topology", "all")).length;
        return Shaping.Ok.of(outputs,
                ParamSpec.weights("detunings", List.of(n), new Init.Uniform(-1, 1)),
                ParamSpec.weights("couplings", List.of(edges), new Init.Normal(0, 0.5)));
    }
}
