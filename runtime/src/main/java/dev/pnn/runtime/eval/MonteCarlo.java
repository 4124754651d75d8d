package dev.pnn.runtime.eval;

import dev.pnn.runtime.Evaluator;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.train.Loss;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Monte Carlo robustness evaluation (ALGORITHMS.md §15): instance i is opened with seed
 * {@code derive(evalSeed, "device/" + i)} from the profile (its static errors), and scored on the whole test set
 * with its dynamic noise on. Instances run on {@code threads} worker threads; each instance has its own streams and
 * its result lands at its own index, so the report does not depend on scheduling. The ideal-device accuracy is
 * the same graph on the backend with no settings.
 */
public final class MonteCarlo {
    /** Rows per forward call: bounds memory, and is the unit in which per-query drift advances. */
    static final int CHUNK = 512;

    public record Config(int devices, long evalSeed, int threads) {
        public Config {
            if (devices < 1)
                throw new PnnException("monte_carlo: devices must be at least 1, got " + devices,
                        "write e.g. monte_carlo(lab_chip, devices: 20)");
            if (threads < 1) threads = 1;
        }
    }

    /** One instance's score. */
    public record Instance(int index, long seed, double accuracy, double loss, long queries) {
    }

    private final Backend backend;
    private final Graph graph;
    private final Function<Value, List<NoiseModel>> noise;
    private final Loss loss;
    private final Examples test;

    public MonteCarlo(Backend backend, Graph graph, Function<Value, List<NoiseModel>> noise, Loss loss,
                      Examples test) {
        if (!test.isClassification())
            throw new PnnException("monte_carlo evaluates classification accuracy, but the test set has real targets",
                    "use a labelled data set, or evaluate the loss only");
        this.backend = backend;
        this.graph = graph;
        this.noise = noise;
        this.loss = loss;
        this.test = test;
    }

    public MonteCarloReport run(HardwareProfile profile, double[] theta, Config config) {
        long start = System.nanoTime();
        Instance[] results = new Instance[config.devices()];
        int threads = Math.min(config.threads(), config.devices());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pnn-monte-carlo");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Instance>> futures = new ArrayList<>();
            for (int i = 0; i < config.devices(); i++) {
                int index = i;
                long seed = Seeds.derive(config.evalSeed(), "device/" + i);
                futures.add(pool.submit(() -> score(profile, seed, index, theta)));
            }
            for (int i = 0; i < futures.size(); i++) results[i] = futures.get(i).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PnnException("Monte Carlo evaluation was interrupted", "run it again");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof PnnException p) throw p;
            throw new PnnException("Monte Carlo evaluation failed on a device instance: " + e.getCause(), null,
                    "rerun with --debug for the stack trace", e.getCause());
        } finally {
            pool.shutdownNow();
        }
        HardwareProfile ideal = new HardwareProfile(profile.backend(), profile.backend(), Map.of(), profile.loc());
        Instance idealScore = score(ideal, config.evalSeed(), -1, theta);
        double seconds = (System.nanoTime() - start) / 1e9;
        return MonteCarloReport.of(profile, config, List.of(results), idealScore, seconds);
    }

    private Instance score(HardwareProfile profile, long seed, int index, double[] theta) {
        try (Device device = backend.open(new DeviceRequest(graph, profile, seed, noise))) {
            Evaluator.Score s = new Evaluator(device.view(ForwardView.class), loss, test, graph.outputNode().type(),
                    CHUNK).score(theta);
            return new Instance(index, seed, s.accuracy(), s.loss(), device.queries().get(QueryKind.FORWARD));
        }
    }
}
