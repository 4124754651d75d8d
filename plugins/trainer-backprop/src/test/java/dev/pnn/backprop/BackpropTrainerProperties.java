package dev.pnn.backprop;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;
import dev.pnn.spi.train.TrainerFactory;
import dev.pnn.spi.train.TrainerKind;
import dev.pnn.testkit.BasicTrainerContext;
import dev.pnn.testkit.GradientCheck;
import dev.pnn.testkit.TaylorTest;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackpropTrainerProperties {
    private static final TrainerFactory BACKPROP = new BackpropTrainerFactory();

    private static double[] uniform(Rng rng, int n, double half) {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) a[i] = half * (2 * rng.nextDouble() - 1);
        return a;
    }

    /** The loss by an independent path: the twin's forward plus the loss, no trainer involved. */
    private static double lossAt(TanhTwin twin, Loss loss, double[] theta, Batch batch) {
        Tape tape = new Tape(twin.graph, batch.size(), new Object[3]);
        return loss.evaluate(twin.forward(theta, batch.inputs(), tape), batch, null);
    }

    @Property(tries = 100)
    void backpropMatchesFiniteDifferencesOnATanhTwin(@ForAll long seed, @ForAll @IntRange(min = 1, max = 5) int n,
                                                     @ForAll @IntRange(min = 1, max = 5) int m,
                                                     @ForAll @IntRange(min = 2, max = 4) int k,
                                                     @ForAll @IntRange(min = 1, max = 4) int rows,
                                                     @ForAll @IntRange(min = 0, max = 2) int lossIndex) {
        Rng rng = new Rng(seed);
        TanhTwin twin = new TanhTwin(n, m, k);
        Loss loss = List.of(LossFactories.crossEntropy(), LossFactories.mse(), LossFactories.halfSse())
                .get(lossIndex).create(Fixtures.args("loss"));
        Batch batch = lossIndex == 2 ? Fixtures.withTargets(rng, rows, n, k) : Fixtures.labelled(rng, rows, n, k);
        double[] theta = uniform(rng, twin.paramCount(), 1.5);
        GradientTrainer trainer = (GradientTrainer) BACKPROP.create(Fixtures.args("backprop"), new BasicTrainerContext(twin, loss, 1));
        double[] grad = new double[theta.length];
        double[] thetaBefore = theta.clone();
        double l = trainer.gradient(theta, batch, grad);
        assertArrayEquals(thetaBefore, theta, 0.0, "the trainer must not modify θ");
        assertEquals(lossAt(twin, loss, theta, batch), l, 0.0, "returned loss is the loss at θ");
        GradientCheck.check(t -> lossAt(twin, loss, t, batch), theta, grad, twin.graph.slices()).assertPassed();
        TaylorTest.check(t -> lossAt(twin, loss, t, batch), theta, grad, seed, twin.graph.slices()).assertPassed();
    }

    @Test
    void gradientIsOverwrittenNotAccumulatedAndTapesAreReused() {
        Rng rng = new Rng(3);
        TanhTwin twin = new TanhTwin(3, 4, 3);
        Loss loss = LossFactories.crossEntropy().create(Fixtures.args("cross_entropy"));
        GradientTrainer trainer = (GradientTrainer) BACKPROP.create(Fixtures.args("backprop"), new BasicTrainerContext(twin, loss, 1));
        Batch batch = Fixtures.labelled(rng, 4, 3, 3);
        double[] theta = uniform(rng, twin.paramCount(), 1);
        double[] g1 = new double[theta.length], g2 = new double[theta.length];
        java.util.Arrays.fill(g2, 123.0);
        trainer.gradient(theta, batch, g1);
        trainer.gradient(theta, batch, g2);
        assertArrayEquals(g1, g2, 0.0);
        batch.resize(2); // a smaller last batch fits the same tape
        trainer.gradient(theta, batch, g2);
        assertEquals(1, twin.tapesAllocated, "one tape per batch capacity");
        Batch bigger = Fixtures.labelled(rng, 8, 3, 3);
        trainer.gradient(theta, bigger, g2);
        assertEquals(2, twin.tapesAllocated, "a larger capacity needs a new tape");
        trainer.gradient(theta, bigger, g2);
        assertEquals(2, twin.tapesAllocated);
    }

    @Test
    void partialBatchGradientEqualsAFreshBatchOfThatSize() {
        Rng rng = new Rng(5);
        TanhTwin twin = new TanhTwin(2, 3, 2);
        Loss loss = LossFactories.mse().create(Fixtures.args("mse"));
        GradientTrainer trainer = (GradientTrainer) BACKPROP.create(Fixtures.args("backprop"), new BasicTrainerContext(twin, loss, 1));
        Batch big = Fixtures.labelled(rng, 4, 2, 2);
        double[] theta = uniform(rng, twin.paramCount(), 1);
        double[] g = new double[theta.length];
        trainer.gradient(theta, big, g); // fills the tape with 4 rows first
        big.resize(2);
        double[] gPartial = new double[theta.length];
        double lPartial = trainer.gradient(theta, big, gPartial);
        Batch small = Batch.allocate(2, 2, true, 0);
        System.arraycopy(big.inputs().re, 0, small.inputs().re, 0, 4);
        small.labels()[0] = big.labels()[0];
        small.labels()[1] = big.labels()[1];
        double[] gSmall = new double[theta.length];
        GradientTrainer fresh = (GradientTrainer) BACKPROP.create(Fixtures.args("backprop"), new BasicTrainerContext(new TanhTwin(2, 3, 2), loss, 1));
        assertEquals(fresh.gradient(theta, small, gSmall), lPartial, 0.0);
        assertArrayEquals(gSmall, gPartial, 0.0);
    }

    @Test
    void pluginIsFoundAndDeclaresItsContributions() {
        PnnPlugin plugin = ServiceLoader.load(PnnPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p instanceof BackpropPlugin).findFirst().orElseThrow();
        assertEquals("trainer-backprop", plugin.name());
        TrainerFactory t = plugin.trainers().get(0);
        assertEquals("backprop", t.name());
        assertEquals(TrainerKind.EXACT_GRADIENT, t.kind());
        assertEquals(Set.of(dev.pnn.spi.Capability.TWIN), t.requires());
        assertEquals(Set.of("cross_entropy", "mse", "half_sse"),
                plugin.losses().stream().map(f -> f.name()).collect(Collectors.toSet()));
        assertTrue(plugin.losses().stream().filter(f -> f.name().equals("cross_entropy")).findFirst().orElseThrow().needsLabels());
        assertEquals(Set.of("sgd", "adam"), plugin.optimizers().stream().map(f -> f.name()).collect(Collectors.toSet()));
        assertTrue(plugin.optimizers().stream().allMatch(o -> o.args().stream().anyMatch(a -> a.name().equals("halve_every"))));
    }

    @Test
    void complexOutputIsRefusedWithAHint() {
        TanhTwin twin = new TanhTwin(2, 2, 2);
        var nodes = new java.util.ArrayList<>(twin.graph.nodes());
        var out = nodes.get(2);
        nodes.set(2, new dev.pnn.spi.ir.Node(out.id(), out.op(), out.inputs(), out.attrs(),
                dev.pnn.spi.ir.ValueType.field(2), out.params(), out.loc()));
        var graph = new dev.pnn.spi.ir.Graph("g", nodes, "out", dev.pnn.spi.ir.Loc.NONE);
        var ctx = new BasicTrainerContext(graph, twin, LossFactories.mse().create(new Args("mse", Map.of())), 1);
        var e = org.junit.jupiter.api.Assertions.assertThrows(dev.pnn.spi.PnnException.class,
                () -> BACKPROP.create(Fixtures.args("backprop"), ctx));
        assertTrue(e.hint().contains("photodetect"), e.hint());
    }
}
