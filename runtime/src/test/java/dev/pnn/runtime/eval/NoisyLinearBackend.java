package dev.pnn.runtime.eval;

import dev.pnn.spi.Capability;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.noise.StaticError;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A test backend: logits = (W + E)·x with W = θ (K×D row-major) and E a static error drawn by the profile's
 * {@code weight_error} models from derive(seed, "static"). Just enough hardware to test the evaluator.
 */
final class NoisyLinearBackend implements Backend {
    final int d, k;

    NoisyLinearBackend(int d, int k) {
        this.d = d;
        this.k = k;
    }

    Graph graph() {
        Node in = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(d), List.of(), Loc.NONE);
        ParamSlice w = new ParamSlice("y.weight", 0, d * k, List.of(k, d), null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, null);
        Node out = new Node("y", "linear", List.of("x"), Map.of(), ValueType.real(k), List.of(w), Loc.NONE);
        return new Graph("Lin", List.of(in, out), "y", Loc.NONE);
    }

    static StaticError gaussian(double sigma) {
        return new StaticError() {
            @Override
            public void perturb(double[] values, int off, int len, Rng rng) {
                for (int i = off; i < off + len; i++) values[i] += sigma * rng.nextGaussian();
            }

            @Override
            public String describe() {
                return "gaussian(" + sigma + ")";
            }

            @Override
            public boolean isIdeal() {
                return sigma == 0;
            }
        };
    }

    @Override
    public String name() {
        return "noisy_linear";
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FORWARD, Capability.NOISE);
    }

    @Override
    public Set<String> blocks() {
        return Set.of("linear");
    }

    @Override
    public Device open(DeviceRequest request) {
        double[] e = new double[d * k];
        Rng rng = Rng.derived(request.seed(), "static");
        request.noiseOf("weight_error").forEach(m -> ((StaticError) m).perturb(e, 0, e.length, rng));
        QueryCounter counter = new QueryCounter();
        ForwardView fv = (theta, input, output) -> {
            int rows = input.rows();
            output.rows(rows);
            for (int r = 0; r < rows; r++)
                for (int o = 0; o < k; o++) {
                    double s = 0;
                    for (int j = 0; j < d; j++) s += (theta[o * d + j] + e[o * d + j]) * input.re[r * d + j];
                    output.re[r * k + o] = s;
                }
            counter.add(QueryKind.FORWARD, rows);
        };
        Graph g = request.graph();
        return new Device() {
            @Override
            public Graph graph() {
                return g;
            }

            @Override
            public HardwareProfile profile() {
                return request.profile();
            }

            @Override
            public long seed() {
                return request.seed();
            }

            @Override
            public Set<Capability> capabilities() {
                return NoisyLinearBackend.this.capabilities();
            }

            @Override
            public QueryCounter queries() {
                return counter;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <V extends View> V view(Class<V> type) {
                if (type == ForwardView.class) return (V) fv;
                throw new dev.pnn.spi.CapabilityException("only forward", "use forward");
            }
        };
    }

    static HardwareProfile profile(double sigma) {
        return new HardwareProfile("chip", "noisy_linear",
                sigma < 0 ? Map.of() : Map.of("weight_error", new Value.Call("gaussian", List.of(),
                        Map.of("sigma", new Value.Num(sigma)))), Loc.NONE);
    }

    static List<dev.pnn.spi.noise.NoiseModel> resolve(Value v) {
        Value.Call c = (Value.Call) v;
        return List.of(gaussian(((Value.Num) c.named().get("sigma")).value()));
    }
}
