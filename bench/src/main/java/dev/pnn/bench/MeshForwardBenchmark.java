package dev.pnn.bench;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Speed target of issue 3: the ideal 64-mode mesh forward at batch 1,024, ≥ 250,000 samples/s. Scores are
 * samples per second (one operation = one sample). {@code composed} is the evaluation path (one N×N matrix);
 * {@code recording} is the training path (MZI by MZI, as a backward pass needs it); {@code sampleNetwork} is the
 * whole sample network on real pixels (amplitude modulation, so the composed product takes its real-input path).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class MeshForwardBenchmark {
    static final int BATCH = 1024;
    private double[] theta;
    private Tensor x;
    private Tensor y;
    private ForwardView forward;
    private TwinView twin;
    private Tape tape;
    private ForwardView network;
    private double[] networkTheta;
    private Tensor pixels;
    private Tensor logits;

    @Setup
    public void setUp() {
        Graph g = SampleNetwork.mesh(64);
        Device d = SampleNetwork.open(g);
        theta = SampleNetwork.initialTheta(g, 3);
        x = Tensor.complex(BATCH, 64);
        y = Tensor.complex(BATCH, 64);
        Rng r = new Rng(4);
        for (int i = 0; i < x.re.length; i++) {
            x.re[i] = r.nextGaussian();
            x.im[i] = r.nextGaussian();
        }
        forward = d.view(ForwardView.class);
        twin = d.view(TwinView.class);
        tape = twin.newTape(BATCH);
        Graph net = SampleNetwork.mziDigits(64);
        network = SampleNetwork.open(net).view(ForwardView.class);
        networkTheta = SampleNetwork.initialTheta(net, 5);
        pixels = Tensor.real(BATCH, 64);
        for (int i = 0; i < pixels.re.length; i++) pixels.re[i] = r.nextDouble();
        logits = Tensor.real(BATCH, 10);
    }

    /** The whole sample network (real pixels → amplitude modulation → mesh → detection → logits), evaluation path. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double sampleNetwork() {
        network.forward(networkTheta, pixels, logits);
        return logits.re[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double composed() {
        forward.forward(theta, x, y);
        return y.re[0];
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public double recording() {
        return twin.forward(theta, x, tape).re[0];
    }
}
