package dev.pnn.tt;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.View;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.Set;

/**
 * One ideal {@code photonic_tt} instance: forward passes of the network (each sample one query), and the
 * {@link JetView} twin. No fabrication errors or detector noise are modelled yet.
 */
final class TtDevice implements Device {
    static final QueryKind JET = new QueryKind("jet");
    private final Graph graph;
    private final HardwareProfile profile;
    private final long seed;
    private final QueryCounter queries = new QueryCounter();
    private final JetNetwork net;
    private final ForwardView forward = this::forward;
    private final JetView jets = new Jets();

    TtDevice(Graph graph, HardwareProfile profile, long seed) {
        this.graph = graph;
        this.profile = profile;
        this.seed = seed;
        this.net = new JetNetwork(graph);
    }

    private void forward(double[] theta, Tensor input, Tensor output) {
        int rows = input.rows();
        if (input.width != net.inputWidth() || output.width != net.outputWidth())
            throw new IllegalArgumentException("photonic_tt: tensors " + input.width + "->" + output.width
                    + " do not match the network " + net.inputWidth() + "->" + net.outputWidth());
        output.rows(rows);
        double[] y = net.forward(theta, input.re, rows, 0);
        System.arraycopy(y, 0, output.re, 0, rows * output.width);
        queries.add(QueryKind.FORWARD, rows);
    }

    private final class Jets implements JetView {
        @Override
        public int components(int order) {
            return new JetLayout(net.inputWidth(), order).comps();
        }

        @Override
        public double[] jets(double[] theta, double[] points, int n, int order) {
            queries.add(JET, n);
            return net.forward(theta, points, n, order);
        }

        @Override
        public void pullback(double[] theta, double[] jetsGrad, double[] thetaGrad) {
            net.backward(theta, jetsGrad, thetaGrad);
        }
    }

    @Override
    public Graph graph() {
        return graph;
    }

    @Override
    public HardwareProfile profile() {
        return profile;
    }

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public Set<Capability> capabilities() {
        return PhotonicTtBackend.CAPABILITIES;
    }

    @Override
    public QueryCounter queries() {
        return queries;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        if (type == ForwardView.class) return type.cast(forward);
        if (type == JetView.class) return type.cast(jets);
        throw new CapabilityException("photonic_tt does not offer " + View.capabilityOf(type),
                "photonic_tt provides " + PhotonicTtBackend.CAPABILITIES);
    }
}
