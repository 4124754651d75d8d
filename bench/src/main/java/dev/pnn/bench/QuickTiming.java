package dev.pnn.bench;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;

/**
 * A quick wall-clock check of the two speed targets without JMH (for iterating on kernels; the numbers of record
 * come from the JMH benchmarks). Usage: {@code java -cp ... dev.pnn.bench.QuickTiming [seconds]}.
 */
public final class QuickTiming {
    private QuickTiming() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        EpochWork w = new EpochWork(64);
        double sink = 0;
        long end = System.nanoTime() + (long) (seconds * 1e9);
        int epochs = 0;
        double best = Double.MAX_VALUE;
        while (System.nanoTime() < end || epochs < 3) {
            long t0 = System.nanoTime();
            sink += w.epoch();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            epochs++;
        }
        System.out.printf("epoch (1437 samples, batch 64, fwd+bwd): best %.4f s over %d epochs%n", best, epochs);
        if (dev.pnn.spi.exec.RowChunks.threads() == 1) {
            // on a shared machine wall time mostly measures the queue for a core; this thread's CPU time does not
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            double bestCpu = Double.MAX_VALUE;
            for (int i = 0; i < Math.max(5, epochs / 2); i++) {
                long c0 = bean.getCurrentThreadCpuTime();
                sink += w.epoch();
                bestCpu = Math.min(bestCpu, (bean.getCurrentThreadCpuTime() - c0) / 1e9);
            }
            System.out.printf("epoch CPU time (one thread): best %.4f s%n", bestCpu);
        }

        Graph mesh = SampleNetwork.mesh(64);
        Device d = SampleNetwork.open(mesh);
        double[] theta = SampleNetwork.initialTheta(mesh, 3);
        Tensor x = Tensor.complex(1024, 64), y = Tensor.complex(1024, 64);
        Rng r = new Rng(4);
        for (int i = 0; i < x.re.length; i++) {
            x.re[i] = r.nextGaussian();
            x.im[i] = r.nextGaussian();
        }
        ForwardView fv = d.view(ForwardView.class);
        end = System.nanoTime() + (long) (seconds * 1e9);
        long batches = 0;
        double bestBatch = Double.MAX_VALUE;
        while (System.nanoTime() < end || batches < 3) {
            long t0 = System.nanoTime();
            fv.forward(theta, x, y);
            bestBatch = Math.min(bestBatch, (System.nanoTime() - t0) / 1e9);
            batches++;
        }
        sink += y.re[7];
        System.out.printf("mesh forward (composed, batch 1024): best %.0f samples/s%n", 1024 / bestBatch);
        if (dev.pnn.spi.exec.RowChunks.threads() == 1) {
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            double bestCpu = Double.MAX_VALUE;
            for (int i = 0; i < 50; i++) {
                long c0 = bean.getCurrentThreadCpuTime();
                fv.forward(theta, x, y);
                bestCpu = Math.min(bestCpu, (bean.getCurrentThreadCpuTime() - c0) / 1e9);
            }
            System.out.printf("mesh forward (composed) per CPU second (one thread): %.0f samples/s%n", 1024 / bestCpu);
        }

        TwinView tv = d.view(TwinView.class);
        var tape = tv.newTape(1024);
        end = System.nanoTime() + (long) (seconds * 1e9);
        batches = 0;
        bestBatch = Double.MAX_VALUE;
        while (System.nanoTime() < end || batches < 3) {
            long t0 = System.nanoTime();
            sink += tv.forward(theta, x, tape).re[3];
            bestBatch = Math.min(bestBatch, (System.nanoTime() - t0) / 1e9);
            batches++;
        }
        System.out.printf("mesh forward (recording, MZI by MZI, batch 1024): best %.0f samples/s%n", 1024 / bestBatch);
        System.out.println("(sink " + sink + ")");
    }
}
