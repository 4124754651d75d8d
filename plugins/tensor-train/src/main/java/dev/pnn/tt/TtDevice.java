package dev.pnn.tt;

import dev.pnn.spi.QueryKind;
import dev.pnn.spi.device.DeviceBase;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.RowChunks;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.ArrayList;
import java.util.List;

/**
 * One ideal {@code photonic_tt} instance: forward passes of the network (each sample one query), and the
 * {@link JetView} twin. No fabrication errors or detector noise are modelled yet.
 */
final class TtDevice extends DeviceBase {
    static final QueryKind JET = new QueryKind("jet");
    /** Smallest chunk of a forward pass worth a hand-off; each chunk has its own network buffers. */
    private static final int MIN_CHUNK = 128;
    private final Graph graph;
    private final JetNetwork net;
    private final List<JetNetwork> chunkNets = new ArrayList<>();

    TtDevice(Graph graph, HardwareProfile profile, long seed) {
        super(graph, profile, seed, PhotonicTtBackend.CAPABILITIES);
        this.graph = graph;
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
        // two equal halves (a fixed 384 rows split 520 as 384 + 136 and left one core idle); the split depends only
        // on the row count, never on the thread count, so a run gives the same bits on any machine
        int chunk = Math.max(MIN_CHUNK, (rows + 1) / 2), chunks = RowChunks.count(rows, chunk), w = output.width;
        while (chunkNets.size() < chunks) chunkNets.add(new JetNetwork(graph));
        RowChunks.forEach(chunks, c -> {
            int from = RowChunks.start(c, chunk), to = RowChunks.end(c, chunk, rows);
            double[] y = chunkNets.get(c).forward(theta, input.re, from, to - from, 0);
            System.arraycopy(y, 0, output.re, from * w, (to - from) * w);
        });
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
