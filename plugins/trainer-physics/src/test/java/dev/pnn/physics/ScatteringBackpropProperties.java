package dev.pnn.physics;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALGORITHMS.md §12 oracles for {@code scattering_bp}: the two-measurement gradient (probe, then error injection)
 * matches central FD of the cost within 1e-7 and equals backprop through the same linear model; on a
 * non-reciprocal network the reciprocity-based step fails while the general formula still holds, and the trainer
 * refuses such a device.
 */
class ScatteringBackpropProperties {
    record Case(Graph graph, double[] theta, double[] x, double[] t) {
    }

    static Case build(long seed, double flux) {
        Map<String, Value> attrs = new HashMap<>(Map.of("modes", Systems.num(6), "outputs", Systems.num(2),
                "kappa", Systems.num(0.8), "gamma", Systems.num(0.1), "omega", Systems.num(0.2)));
        attrs.put("flux", Systems.num(flux));
        if (seed % 2 == 1) attrs.put("tap", Systems.num(0.2)); // weak tap monitors on the inner modes
        Graph g = Systems.single("scattering", 3, attrs);
        double[] theta = Systems.init(g, seed);
        Rng r = Rng.derived(seed, "data");
        double[] x = new double[3 * 2];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        double[] t = {r.nextDouble() * 0.5, r.nextDouble() * 0.5, r.nextDouble() * 0.5, r.nextDouble() * 0.5};
        return new Case(g, theta, x, t);
    }

    static double loss(Case c, Device d) {
        Tensor y = Tensor.real(2, 2);
        d.view(ForwardView.class).forward(c.theta, Tensor.wrap(c.x, null, 2, 3), y);
        return Systems.HALF_SSE.evaluate(y, Systems.batch(c.x, 3, c.t, 2), null);
    }

    static double[] finiteDifference(Case c, Device d) {
        double[] fd = new double[c.theta.length];
        for (int i = 0; i < fd.length; i++) {
            double h = 1e-6 * Math.max(1, Math.abs(c.theta[i])), keep = c.theta[i];
            c.theta[i] = keep + h;
            double lp = loss(c, d);
            c.theta[i] = keep - h;
            double lm = loss(c, d);
            c.theta[i] = keep;
            fd[i] = (lp - lm) / (2 * h);
        }
        return fd;
    }

    static double[] twin(Case c, Device d) {
        TwinView twin = d.view(TwinView.class);
        Tape tape = twin.newTape(2);
        Tensor y = twin.forward(c.theta, Tensor.wrap(c.x, null, 2, 3), tape);
        Tensor dy = Tensor.real(2, 2);
        Systems.HALF_SSE.evaluate(y, Systems.batch(c.x, 3, c.t, 2), dy);
        double[] g = new double[c.theta.length];
        twin.backward(c.theta, tape, dy, g);
        return g;
    }

    static double[] twoMeasurements(Case c, GradientTrainer tr) {
        double[] g = new double[c.theta.length];
        tr.gradient(c.theta, Systems.batch(c.x, 3, c.t, 2), g);
        return g;
    }

    @Property(tries = 40)
    void twoMeasurementGradientMatchesFdAndBackprop(@ForAll @LongRange(min = 0, max = 1 << 30) long seed) {
        Case c = build(seed, 0);
        Device d = Systems.open("scattering_sim", c.graph);
        GradientTrainer tr = (GradientTrainer) PhysicsTrainers.scatteringBp().create(new Args("scattering_bp", Map.of()),
                Systems.context(c.graph, d, Systems.HALF_SSE));
        double[] g = twoMeasurements(c, tr);
        assertEquals(4, d.queries().get(QueryKind.PROBE)); // two probes per sample
        double[] fd = finiteDifference(c, d);
        double e = EquilibriumPropagationProperties.relativeError(g, fd);
        assertTrue(e < 1e-7, "vs FD " + e);
        double eTwin = EquilibriumPropagationProperties.relativeError(g, twin(c, d));
        assertTrue(eTwin < 1e-10, "vs backprop through the model " + eTwin);
    }

    @Property(tries = 20)
    void nonReciprocalNetworkBreaksTheTwoMeasurementRuleButNotTheGeneralOne(
            @ForAll @LongRange(min = 0, max = 1 << 30) long seed) {
        Case c = build(seed, 0.5);
        Device d = Systems.open("scattering_sim", c.graph);
        ScatteringView v = d.view(ScatteringView.class);
        assertTrue(!v.reciprocal());
        double[] fd = finiteDifference(c, d);
        double general = EquilibriumPropagationProperties.relativeError(twin(c, d), fd);
        assertTrue(general < 1e-7, "general formula vs FD " + general);
        double reciprocityBased = EquilibriumPropagationProperties.relativeError(
                twoMeasurements(c, new ScatteringBackprop(v, Systems.HALF_SSE, 3)), fd);
        assertTrue(reciprocityBased > 0.05, "the reciprocity-based rule should fail here, error " + reciprocityBased);
    }

    @Test
    void trainerRefusesANonReciprocalDevice() {
        Case c = build(1, 0.5);
        Device d = Systems.open("scattering_sim", c.graph);
        PnnException e = assertThrows(PnnException.class, () -> PhysicsTrainers.scatteringBp()
                .create(new Args("scattering_bp", Map.of()), Systems.context(c.graph, d, Systems.HALF_SSE)));
        assertTrue(e.getMessage().contains("reciprocal"));
    }
}
