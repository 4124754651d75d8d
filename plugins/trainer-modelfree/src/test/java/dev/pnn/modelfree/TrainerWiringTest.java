package dev.pnn.modelfree;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import dev.pnn.spi.train.UpdateTrainer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The factories as the runtime sees them: registration, capabilities, kinds, query counts, determinism. */
class TrainerWiringTest {
    static final double[] B = {1.0, -2.0, 0.5, 3.0};

    /** L(θ) = ½‖θ‖² + bᵀθ, minimum at −b. */
    static double quadratic(double[] t) {
        double s = 0;
        for (int i = 0; i < t.length; i++) s += 0.5 * t[i] * t[i] + B[i] * t[i];
        return s;
    }

    static Batch batch(int rows) {
        return new Batch(Tensor.real(rows, 1), null, null);
    }

    static Map<String, TrainerFactory> factories() {
        return new ModelFreePlugin().trainers().stream().collect(Collectors.toMap(TrainerFactory::name, f -> f));
    }

    @Test
    void pluginIsFoundByServiceLoaderWithAllEightTrainers() {
        PnnPlugin plugin = ServiceLoader.load(PnnPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof ModelFreePlugin).findFirst().orElseThrow();
        assertEquals(Set.of("dfa", "ffa", "phyll", "fd", "spsa", "es", "cmaes", "readout"),
                plugin.trainers().stream().map(TrainerFactory::name).collect(Collectors.toSet()));
    }

    @Test
    void eachTrainerDeclaresOnlyWhatItUses() {
        Map<String, TrainerFactory> f = factories();
        for (String n : List.of("fd", "spsa", "es", "cmaes")) assertEquals(Set.of(Capability.FORWARD), f.get(n).requires(), n);
        for (String n : List.of("dfa", "ffa", "phyll")) assertEquals(Set.of(Capability.LAYERS), f.get(n).requires(), n);
        assertEquals(Set.of(Capability.RESERVOIR), f.get("readout").requires());
        assertEquals(TrainerKind.UNBIASED_ESTIMATE, f.get("spsa").kind());
        for (String n : List.of("es", "cmaes", "readout")) assertEquals(TrainerKind.DIRECT_UPDATE, f.get(n).kind(), n);
    }

    @Test
    void centralFiniteDifferencesOnTheQuadraticDeviceCost2PBatchesOfQueries() {
        FunctionDevice dev = new FunctionDevice(4, TrainerWiringTest::quadratic);
        GradientTrainer t = (GradientTrainer) factories().get("fd").create(Fixtures.args("fd", "scheme", "central", "h", 1e-3),
                new TestContext(dev, TestLosses.MEAN_OUTPUT, 0));
        double[] theta = {0.1, 0.2, 0.3, 0.4}, grad = new double[4];
        t.gradient(theta, batch(5), grad);
        for (int i = 0; i < 4; i++) assertEquals(theta[i] + B[i], grad[i], 1e-9, "a quadratic's central difference is exact");
        assertEquals(2 * 4 * 5, dev.queries().total());
    }

    @Test
    void spsaCostsTwoEvaluationsPerDirectionAndIsReproducible() {
        double[][] grads = new double[2][4];
        for (int run = 0; run < 2; run++) {
            FunctionDevice dev = new FunctionDevice(4, TrainerWiringTest::quadratic);
            GradientTrainer t = (GradientTrainer) factories().get("spsa").create(Fixtures.args("spsa", "c", 0.1, "samples", 3),
                    new TestContext(dev, TestLosses.MEAN_OUTPUT, 42));
            t.gradient(new double[]{0.1, 0.2, 0.3, 0.4}, batch(7), grads[run]);
            assertEquals(2 * 3 * 7, dev.queries().total());
        }
        assertArrayEquals(grads[0], grads[1]);
    }

    @Test
    void spsaWithGainsConvergesOnTheQuadratic() {
        FunctionDevice dev = new FunctionDevice(4, TrainerWiringTest::quadratic);
        GradientTrainer t = (GradientTrainer) factories().get("spsa").create(
                Fixtures.args("spsa", "c", 0.1, "a", 0.5, "A", 10), new TestContext(dev, TestLosses.MEAN_OUTPUT, 1));
        double[] theta = new double[4], grad = new double[4];
        for (int k = 0; k < 2000; k++) {
            t.gradient(theta, batch(1), grad);
            for (int i = 0; i < 4; i++) theta[i] -= grad[i];
        }
        for (int i = 0; i < 4; i++) assertEquals(-B[i], theta[i], 0.05, "component " + i);
    }

    @Test
    void esAndCmaesDescendOnTheQuadraticDevice() {
        for (String name : List.of("es", "cmaes")) {
            FunctionDevice dev = new FunctionDevice(4, TrainerWiringTest::quadratic);
            UpdateTrainer t = (UpdateTrainer) factories().get(name).create(
                    name.equals("es") ? Fixtures.args("es", "sigma", 0.1, "pairs", 8, "lr", 0.1) : Fixtures.args("cmaes", "sigma", 0.5),
                    new TestContext(dev, TestLosses.MEAN_OUTPUT, 3));
            double[] theta = new double[4];
            double start = quadratic(theta);
            for (int k = 0; k < 300; k++) t.update(theta, batch(2));
            double min = quadratic(new double[]{-B[0], -B[1], -B[2], -B[3]});
            assertTrue(quadratic(theta) - min < 1e-3 * (start - min), name + ": " + quadratic(theta) + " vs min " + min);
            assertTrue(dev.queries().total() > 0);
        }
    }

    @Test
    void badArgumentsGiveAPnnExceptionWithAHint() {
        FunctionDevice dev = new FunctionDevice(4, TrainerWiringTest::quadratic);
        var e = assertThrows(PnnException.class, () -> factories().get("spsa")
                .create(Fixtures.args("spsa", "c", -1), new TestContext(dev, TestLosses.MEAN_OUTPUT, 0)));
        assertTrue(e.getMessage().contains("'c'") && e.hint().contains("spsa("), e.getMessage());
        var r = assertThrows(PnnException.class, () -> factories().get("readout")
                .create(Fixtures.args("readout"), new TestContext(dev, TestLosses.MEAN_OUTPUT, 0)));
        assertTrue(r.getMessage().contains("linear"), r.getMessage());
    }
}
