package dev.pnn.testkit;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.LayersView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.ir.Value;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The checks behind {@link BackendContract}, on one backend, one {@link BlockCase} and one seed. Every failure is
 * an {@link AssertionError} whose message names the backend, the case, the seed and the offending values.
 */
final class BackendProbe {
    private final Backend backend;
    private final BlockCase c;
    private final HardwareProfile profile;
    private final Function<Value, List<NoiseModel>> noise;
    private final long seed;
    private final Rng rng;
    private final int rows;
    private final double[] theta;
    private final Tensor input;

    BackendProbe(Backend backend, BlockCase c, HardwareProfile profile, Function<Value, List<NoiseModel>> noise,
                 long seed) {
        this.backend = backend;
        this.c = c;
        this.profile = profile;
        this.noise = noise;
        this.seed = seed;
        this.rng = Rng.derived(seed, "contract");
        this.rows = 1 + rng.nextInt(3);
        this.theta = PnnArbitraries.drawParameters(c.graph(), rng);
        this.input = PnnArbitraries.drawBatch(c.inputWidth(), rows, rng);
    }

    String where() {
        return "backend '" + backend.name() + "', " + c.description() + ", profile " + profile.name() + ", seed "
               + seed + ", batch " + rows + ", θ = " + Arrays.toString(theta) + ", input = "
               + Arrays.toString(Arrays.copyOf(input.re, rows * input.width));
    }

    Device open(long deviceSeed) {
        return backend.open(new DeviceRequest(c.graph(), profile, deviceSeed, noise));
    }

    Tensor forward(Device d, double[] th, Tensor in) {
        Tensor out = Tensor.of(c.graph().outputNode().type(), in.rows());
        d.view(ForwardView.class).forward(th, in, out);
        return out;
    }

    void vjpMatchesFiniteDifferences() {
        try (Device d = open(Seeds.derive(seed, "device"))) {
            if (!Capability.closure(d.capabilities()).contains(Capability.TWIN)) return;
            TwinView twin = d.view(TwinView.class);
            Graph g = c.graph();
            boolean complex = g.outputNode().type().domain().complex();
            Tensor w = new Tensor(rows, g.outputNode().type().width(), complex);
            for (int i = 0; i < rows * w.width; i++) {
                w.re[i] = rng.nextGaussian();
                if (complex) w.im[i] = rng.nextGaussian();
            }
            Tape tape = twin.newTape(rows);
            java.util.function.ToDoubleFunction<double[]> loss = th -> {
                Tensor out = twin.forward(th, input, tape);
                double s = 0;
                for (int i = 0; i < rows * w.width; i++) {
                    s += w.re[i] * out.re[i];
                    if (complex) s += w.im[i] * out.im[i];
                }
                return s;
            };
            loss.applyAsDouble(theta);
            double[] grad = new double[theta.length];
            twin.backward(theta, tape, w, grad);
            if (theta.length == 0) return;
            GradientCheckResult r = GradientCheck.check(loss, theta, grad, g.slices());
            if (!r.passed())
                throw new AssertionError("VJP of block '" + c.block() + "' disagrees with central finite differences "
                        + "(ALGORITHMS.md §3) for L = Σ w·output with random w: " + r.message() + "\n  counterexample: " + where());
        }
    }

    void forwardIsDeterministic() {
        long ds = Seeds.derive(seed, "device");
        Tensor a, a2, b;
        try (Device d1 = open(ds); Device d2 = open(ds)) {
            a = forward(d1, theta, input);
            a2 = forward(d1, theta, input);
            b = forward(d2, theta, input);
        }
        Tensor b2;
        try (Device d3 = open(ds)) {
            forward(d3, theta, input);
            b2 = forward(d3, theta, input);
        }
        requireSame(a, b, "first forward pass of two devices opened with the same request (graph, profile, seed " + ds + ")");
        requireSame(a2, b2, "second forward pass of two devices opened with the same request");
    }

    private void requireSame(Tensor a, Tensor b, String what) {
        for (int i = 0; i < a.rows() * a.width; i++) {
            boolean same = Double.doubleToLongBits(a.re[i]) == Double.doubleToLongBits(b.re[i])
                           && (a.im == null || Double.doubleToLongBits(a.im[i]) == Double.doubleToLongBits(b.im[i]));
            if (!same)
                throw new AssertionError("forward is not deterministic at a fixed seed: " + what + " differ at output["
                        + (i / a.width) + "][" + (i % a.width) + "]: " + a.re[i] + (a.im == null ? "" : "+" + a.im[i] + "i")
                        + " vs " + b.re[i] + (b.im == null ? "" : "+" + b.im[i] + "i")
                        + " (same seed must give the same device bit for bit; draw noise only from Rng.derived(seed, ...))"
                        + "\n  counterexample: " + where());
        }
    }

    void leavesArgumentsUntouched() {
        double[] th0 = theta.clone();
        double[] in0 = input.re.clone();
        try (Device d = open(Seeds.derive(seed, "device"))) {
            forward(d, theta, input);
            requireUntouched(th0, in0, "ForwardView.forward");
            Set<Capability> caps = Capability.closure(d.capabilities());
            if (caps.contains(Capability.TWIN)) {
                TwinView twin = d.view(TwinView.class);
                Tape tape = twin.newTape(rows);
                Tensor out = twin.forward(theta, input, tape);
                requireUntouched(th0, in0, "TwinView.forward");
                Tensor og = new Tensor(rows, out.width, out.isComplex());
                Arrays.fill(og.re, 1.0);
                twin.backward(theta, tape, og, new double[theta.length]);
                requireUntouched(th0, in0, "TwinView.backward");
            }
            if (caps.contains(Capability.LAYERS)) {
                LayersView layers = d.view(LayersView.class);
                layers.forwardAll(theta, input, layers.newTape(rows));
                requireUntouched(th0, in0, "LayersView.forwardAll");
            }
        }
    }

    private void requireUntouched(double[] th0, double[] in0, String call) {
        for (int i = 0; i < th0.length; i++)
            if (Double.doubleToLongBits(th0[i]) != Double.doubleToLongBits(theta[i]))
                throw new AssertionError(call + " mutated θ[" + i + "] (" + slice(i) + "): it was " + th0[i] + ", now "
                        + theta[i] + " (views must not modify their θ or input arrays)\n  counterexample: " + where());
        for (int i = 0; i < in0.length; i++)
            if (Double.doubleToLongBits(in0[i]) != Double.doubleToLongBits(input.re[i]))
                throw new AssertionError(call + " mutated input[" + (i / input.width) + "][" + (i % input.width)
                        + "]: it was " + in0[i] + ", now " + input.re[i]
                        + " (views must not modify their θ or input arrays)\n  counterexample: " + where());
    }

    private String slice(int i) {
        return ParamNames.describe(c.graph().slices(), i);
    }

    void capabilitiesAreHonest() {
        try (Device d = open(Seeds.derive(seed, "device"))) {
            Set<Capability> declared = Capability.closure(backend.capabilities());
            Set<Capability> offered = Capability.closure(d.capabilities());
            if (!declared.containsAll(offered))
                throw new AssertionError("device offers " + offered + " but backend '" + backend.name()
                        + "' declares only " + declared + "\n  counterexample: " + where());
            for (Class<? extends View> type : KnownViews.ALL) {
                Capability cap = View.capabilityOf(type);
                if (offered.contains(cap)) {
                    View v;
                    try {
                        v = d.view(type);
                    } catch (RuntimeException e) {
                        throw new AssertionError("device declares " + cap + " but view(" + type.getSimpleName()
                                + ") threw " + e + "\n  counterexample: " + where(), e);
                    }
                    if (!type.isInstance(v))
                        throw new AssertionError("device declares " + cap + " but view(" + type.getSimpleName()
                                + ") returned " + v + "\n  counterexample: " + where());
                } else {
                    Object v;
                    try {
                        v = d.view(type);
                    } catch (CapabilityException expected) {
                        continue;
                    } catch (RuntimeException e) {
                        throw new AssertionError("asking for undeclared " + cap + " must throw CapabilityException, "
                                + "but view(" + type.getSimpleName() + ") threw " + e + "\n  counterexample: " + where(), e);
                    }
                    throw new AssertionError("device hands out " + type.getSimpleName() + " (" + cap + ") although it "
                            + "does not declare " + cap + " (declared: " + offered + "); an undeclared capability must "
                            + "be refused with CapabilityException, got " + v + "\n  counterexample: " + where());
                }
            }
            if (offered.contains(Capability.LAYERS) && offered.contains(Capability.FORWARD)) {
                LayersView layers = d.view(LayersView.class);
                Tensor all = layers.forwardAll(theta, input, layers.newTape(rows));
                requireFinite(all, "LayersView.forwardAll");
            }
        }
    }

    void edgeInputsAreFinite(double large) {
        double[] zeroTheta = new double[theta.length];
        for (var s : c.graph().slices())
            for (int i = s.offset(); i < s.end(); i++)
                zeroTheta[i] = Math.min(Math.max(0.0, s.lower()), s.upper());
        record Edge(String name, double[] theta, double value) {
        }
        for (Edge e : List.of(new Edge("zero input", theta, 0), new Edge("zero input and θ = 0 (clamped to bounds)",
                zeroTheta, 0), new Edge("input +" + large, theta, large), new Edge("input -" + large, theta, -large))) {
            Tensor in = Tensor.real(rows, c.inputWidth());
            Arrays.fill(in.re, e.value());
            try (Device d = open(Seeds.derive(seed, "device"))) {
                requireFinite(forward(d, e.theta(), in), "ForwardView.forward on " + e.name());
                if (Capability.closure(d.capabilities()).contains(Capability.TWIN)) {
                    TwinView twin = d.view(TwinView.class);
                    Tape tape = twin.newTape(rows);
                    Tensor out = twin.forward(e.theta(), in, tape);
                    requireFinite(out, "TwinView.forward on " + e.name());
                    Tensor og = new Tensor(rows, out.width, out.isComplex());
                    Arrays.fill(og.re, 1.0);
                    double[] g = new double[theta.length];
                    twin.backward(e.theta(), tape, og, g);
                    for (int i = 0; i < g.length; i++)
                        if (!Double.isFinite(g[i]))
                            throw new AssertionError("TwinView.backward on " + e.name() + " gave ∂L/∂θ[" + i + "] ("
                                    + slice(i) + ") = " + g[i] + "\n  counterexample: " + where());
                }
            }
        }
    }

    private void requireFinite(Tensor t, String call) {
        for (int i = 0; i < t.rows() * t.width; i++) {
            if (!Double.isFinite(t.re[i]) || (t.im != null && !Double.isFinite(t.im[i])))
                throw new AssertionError(call + " gave a non-finite output[" + (i / t.width) + "][" + (i % t.width)
                        + "] = " + t.re[i] + (t.im == null ? "" : " + " + t.im[i] + "i") + "\n  counterexample: " + where());
        }
    }
}
