package dev.pnn.tt;

import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.DeviceBase;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

/**
 * One ideal {@code photonic_tt} instance: forward passes of the network (each sample one query), and the
 * {@link JetView} twin. No fabrication errors or detector noise are modelled yet.
 */
final class TtDevice extends DeviceBase {
    static final QueryKind JET = new QueryKind("jet");
    private final JetNetwork net;

    TtDevice(Graph graph, HardwareProfile profile, long seed) {
        super(graph, profile, seed, PhotonicTtBackend.CAPABILITIES);
        this.net = new JetNetwork(graph);
        offer(ForwardView.class, this::forward);
        offer(JetView.class, new Jets());
    }

    private void forward(double[] theta, Tensor input, Tensor output) {
        int rows = input.rows();
        if (input.width != net.inputWidth() || output.width != net.outputWidth())
            throw new IllegalArgumentException("photonic_tt: tensors " + input.width + "->" + output.width
                    + " do not match the network " + net.inputWidth() + "->" + net.outputWidth());
        output.rows(rows);
        double[] y = net.forward(theta, input.re, rows, 0);
        System.arraycopy(y, 0, output.re, 0, rows * output.width);
        queries().add(QueryKind.FORWARD, rows);
    }

    private final class Jets implements JetView {
        @Override
        public int components(int order) {
            return new JetLayout(net.inputWidth(), order).comps();
        }

        @Override
        public double[] jets(double[] theta, double[] points, int n, int order) {
            queries().add(JET, n);
            return net.forward(theta, points, n, order);
        }

        @Override
        public void pullback(double[] theta, double[] jetsGrad, double[] thetaGrad) {
            net.backward(theta, jetsGrad, thetaGrad);
        }
    }
}
