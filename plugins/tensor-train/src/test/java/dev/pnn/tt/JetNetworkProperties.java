package dev.pnn.tt;

import dev.pnn.spi.Rng;
import dev.pnn.spi.ir.Graph;
import net.jqwik.api.*;

import static org.junit.jupiter.api.Assertions.*;

class JetNetworkProperties {
    private static final Graph NET = TestNets.pinnNet();

    private static double value(JetNetwork net, double[] th, double[] x) {
        return net.forward(th, x, 1, 0)[0];
    }

    @Property(tries = 40)
    void firstAndSecondInputDerivativesMatchFiniteDifferences(@ForAll long seed) {
        Rng rng = new Rng(seed);
        JetNetwork net = new JetNetwork(NET);
        double[] th = TestNets.theta(NET, seed);
        double[] x = {rng.nextDouble(), rng.nextDouble()};
        double[] jets = net.forward(th, x, 1, 2).clone();
        JetLayout l = new JetLayout(2, 2);
        assertEquals(value(net, th, x), jets[0], 1e-14);
        double h = 1e-4;
        for (int i = 0; i < 2; i++) {
            double[] xp = x.clone(), xm = x.clone();
            xp[i] += h;
            xm[i] -= h;
            double fd = (value(net, th, xp) - value(net, th, xm)) / (2 * h);
            assertEquals(fd, jets[l.first(i)], 1e-7 * (1 + Math.abs(fd)));
            // second derivatives: central differences of the exact first-derivative jets
            double[] gp = net.forward(th, xp, 1, 1).clone(), gm = net.forward(th, xm, 1, 1).clone();
            for (int j = 0; j < 2; j++) {
                double fd2 = (gp[1 + j] - gm[1 + j]) / (2 * h);
                assertEquals(fd2, jets[l.second(i, j)], 1e-6 * (1 + Math.abs(fd2)));
            }
        }
    }

    @Property(tries = 30)
    void pullbackMatchesFiniteDifferencesOfAnyJetFunctional(@ForAll long seed) {
        Rng rng = new Rng(seed);
        JetNetwork net = new JetNetwork(NET);
        double[] th = TestNets.theta(NET, seed);
        int n = 3, order = 2, c = new JetLayout(2, order).comps();
        double[] pts = new double[n * 2];
        for (int i = 0; i < pts.length; i++) pts[i] = rng.nextDouble();
        double[] seedv = new double[n * c];
        for (int i = 0; i < seedv.length; i++) seedv[i] = rng.nextGaussian();
        net.forward(th, pts, n, order);
        double[] grad = new double[th.length];
        net.backward(th, seedv, grad);
        double h = 1e-6;
        for (int p = 0; p < th.length; p++) {
            double keep = th[p];
            th[p] = keep + h;
            double lp = dot(net.forward(th, pts, n, order), seedv);
            th[p] = keep - h;
            double lm = dot(net.forward(th, pts, n, order), seedv);
            th[p] = keep;
            double fd = (lp - lm) / (2 * h);
            assertEquals(fd, grad[p], 1e-6 * (1 + Math.abs(fd)), "θ[" + p + "]");
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < b.length; i++) s += a[i] * b[i];
        return s;
    }

    @Property(tries = 30)
    void plainForwardIsTheDenseNetwork(@ForAll long seed) {
        Rng rng = new Rng(seed);
        double[] th = TestNets.theta(NET, seed);
        double[] x = {rng.nextDouble(), rng.nextDouble()};
        // hand evaluation with the TT weight formed densely
        var h1 = NET.slice("h1.weight").get();
        var b1 = NET.slice("h1.bias").get();
        double[] a1 = new double[8];
        for (int o = 0; o < 8; o++)
            a1[o] = Math.tanh(th[b1.offset() + o] + th[h1.offset() + 2 * o] * x[0] + th[h1.offset() + 2 * o + 1] * x[1]);
        TtShape s = new TtShape(new int[]{2, 4}, new int[]{2, 4}, new int[]{1, 3, 1});
        double[] w = TtContraction.dense(s, th, NET.slice("h2.core1").get().offset());
        var b2 = NET.slice("h2.bias").get();
        double[] a2 = new double[8];
        for (int o = 0; o < 8; o++) {
            double z = th[b2.offset() + o];
            for (int i = 0; i < 8; i++) z += w[o * 8 + i] * a1[i];
            a2[o] = Math.tanh(z);
        }
        var wv = NET.slice("v.weight").get();
        double y = th[NET.slice("v.bias").get().offset()];
        for (int i = 0; i < 8; i++) y += th[wv.offset() + i] * a2[i];
        assertEquals(y, new JetNetwork(NET).forward(th, x, 1, 0)[0], 1e-13);
    }

    /**
     * The device splits a forward pass into fixed chunks of rows run on both cores; each row must be what the
     * network gives for that point alone (up to rounding: one point alone may take the contraction path instead of
     * the formed W), and two passes must agree bit for bit.
     */
    @Property(tries = 10)
    void chunkedDeviceForwardIsThePointwiseNetwork(@ForAll long seed, @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 1100) int rows) {
        Rng rng = new Rng(seed);
        double[] th = TestNets.theta(NET, seed);
        double[] x = new double[2 * rows];
        for (int i = 0; i < x.length; i++) x[i] = rng.nextDouble();
        TtDevice device = (TtDevice) new PhotonicTtBackend().open(new dev.pnn.spi.device.DeviceRequest(NET,
                new dev.pnn.spi.ir.HardwareProfile("ideal", PhotonicTtBackend.NAME, java.util.Map.of(), dev.pnn.spi.ir.Loc.NONE),
                0, v -> java.util.List.of()));
        var fwd = device.view(dev.pnn.spi.device.ForwardView.class);
        dev.pnn.spi.exec.Tensor out = dev.pnn.spi.exec.Tensor.real(rows, 1), again = dev.pnn.spi.exec.Tensor.real(rows, 1);
        fwd.forward(th, dev.pnn.spi.exec.Tensor.wrap(x, null, rows, 2), out);
        fwd.forward(th, dev.pnn.spi.exec.Tensor.wrap(x, null, rows, 2), again);
        JetNetwork alone = new JetNetwork(NET);
        for (int r = 0; r < rows; r++) {
            double y = alone.forward(th, new double[]{x[2 * r], x[2 * r + 1]}, 1, 0)[0];
            assertEquals(y, out.re[r], 1e-12 * (1 + Math.abs(y)), "row " + r + " of " + rows);
            assertEquals(Double.doubleToLongBits(out.re[r]), Double.doubleToLongBits(again.re[r]));
        }
    }
}
