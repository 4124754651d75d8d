package dev.pnn.tt;

import dev.pnn.spi.ir.Graph;

/** Scratch: forward cost per sample of the study network (not a test). */
public final class SpeedProbe {
    public static void main(String[] a) {
        Graph g = TestNets.input(2).linear("h1", 16).act("a1", "tanh").tt("h2", new int[]{4, 4}, new int[]{4, 4}, new int[]{1, 4, 1}).act("a2", "tanh").linear("v", 1).graph();
        JetNetwork net = new JetNetwork(g);
        double[] th = TestNets.theta(g, 1);
        int n = 1456;
        double[] pts = new double[2 * n];
        for (int i = 0; i < pts.length; i++) pts[i] = (i * 0.37) % 1;
        for (int rep = 0; rep < 5; rep++) {
            var mx = java.lang.management.ManagementFactory.getThreadMXBean(); long t0 = mx.getCurrentThreadCpuTime();
            for (int k = 0; k < 200; k++) net.forward(th, pts, n, 0);
            System.out.printf("%.3f us/sample%n", (mx.getCurrentThreadCpuTime() - t0) / 1e3 / (200.0 * n));
        }
    }
}
