package dev.pnn.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Speed target of issue 3: one backprop epoch (forward + backward, no optimizer step) of the sample network over
 * 1,437 samples at batch 64 in ≤ 0.10 s. Reported as milliseconds per epoch.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
public class EpochBenchmark {
    private EpochWork work;

    @Setup
    public void setUp() {
        work = new EpochWork(64);
    }

    @Benchmark
    public double backpropEpochBatch64() {
        return work.epoch();
    }
}
