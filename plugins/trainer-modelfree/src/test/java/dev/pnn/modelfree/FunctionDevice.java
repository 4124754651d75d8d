package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ValueType;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A forward-only "device" whose single output, for every sample, is a known function of θ: with
 * {@link TestLosses#MEAN_OUTPUT} the measured batch loss is exactly that function, so perturbative trainers can
 * be checked against closed-form gradients. Offers only pnn.forward; counts one query per sample.
 */
final class FunctionDevice implements Device {
    private final Graph graph;
    private final Objective f;
    private final QueryCounter queries = new QueryCounter();

    FunctionDevice(int params, Objective f) {
        this.f = f;
        Node in = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(1), List.of(), Loc.NONE);
        ParamSlice s = new ParamSlice("f.theta", 0, params, List.of(params), null, Double.NEGATIVE_INFINITY,
                Double.POSITIVE_INFINITY, false, new Init.Constant(0));
        Node out = new Node("f", "function", List.of("x"), Map.of(), ValueType.real(1), List.of(s), Loc.NONE);
        this.graph = new Graph("Function", List.of(in, out), "f", Loc.NONE);
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return new HardwareProfile("test", "function", Map.of(), Loc.NONE);
    }

    @Override
    public long seed() {
        return 0;
    }

    @Override
    public Set<Capability> capabilities() {
        return Set.of(Capability.FORWARD);
    }

    @Override
    public QueryCounter queries() {
        return queries;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V extends View> V view(Class<V> type) {
        if (type != ForwardView.class) throw new CapabilityException("function device offers only pnn.forward", "");
        ForwardView v = (theta, input, output) -> {
            double value = f.value(theta);
            output.rows(input.rows());
            for (int r = 0; r < input.rows(); r++) output.re[r] = value;
            queries.add(QueryKind.FORWARD, input.rows());
        };
        return (V) v;
    }
}
