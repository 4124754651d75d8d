package dev.pnn.resistor;

import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.EnergyView.Nudge;
import dev.pnn.spi.device.EnergyView.Relaxation;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The energy models and their relaxation (ALGORITHMS.md §2.7, §10): the equilibrium satisfies KCL to 1e-12,
 * Newton converges from 0 in < 50 iterations, the analytic ∂E/∂s, ∂²E/∂s² and ∂E/∂θ match finite differences, and
 * the twin's implicit-differentiation gradient matches central FD through the relaxation (§3 protocol).
 */
class EnergyModelProperties {
    record Case(Graph graph, double[] theta, double[] x) {
    }

    @Provide
    Arbitrary<Case> systems() {
        return Arbitraries.longs().flatMap(seed -> Arbitraries.of(0, 1, 2, 3).map(kind -> build(kind, seed)));
    }

    static Case build(int kind, long seed) {
        Graph g = switch (kind) {
            case 0 -> TestGraphs.single(EnergyBlocks.resistorNetwork(), 2, Map.of("nodes", TestGraphs.num(5),
                    "outputs", TestGraphs.num(1), "element", new Value.Sym("linear"), "differential", new Value.Bool(true)));
            case 1 -> TestGraphs.single(EnergyBlocks.resistorNetwork(), 3, Map.of("nodes", TestGraphs.num(6),
                    "outputs", TestGraphs.num(2), "element", new Value.Call("cubic", java.util.List.of(),
                            Map.of("c", TestGraphs.num(0.5)))));
            case 2 -> TestGraphs.single(EnergyBlocks.resistorNetwork(), 2, Map.of("nodes", TestGraphs.num(5),
                    "outputs", TestGraphs.num(2), "topology", new Value.Sym("layered"), "element",
                    new Value.Call("diode", java.util.List.of(), Map.of("is", TestGraphs.num(0.05), "vt", TestGraphs.num(0.5)))));
            default -> TestGraphs.single(EnergyBlocks.hopfield(), 3, Map.of("hidden", TestGraphs.num(4),
                    "outputs", TestGraphs.num(2)));
        };
        double[] theta = TestGraphs.init(g, seed);
        if (kind == 3) { // larger biases than the default init so the quartic terms matter
            dev.pnn.spi.Rng r = dev.pnn.spi.Rng.derived(seed, "b");
            for (int i = g.slice("y.b").get().offset(); i < theta.length; i++) theta[i] = r.nextGaussian();
        }
        dev.pnn.spi.Rng r = dev.pnn.spi.Rng.derived(seed, "x");
        double[] x = new double[g.inputs().get(0).type().width()];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        return new Case(g, theta, x);
    }

    @Property(tries = 60)
    void equilibriumSatisfiesKclAndConvergesFast(@ForAll("systems") Case c) {
        EnergyDevice d = TestGraphs.open(c.graph);
        EnergyView v = d.view(EnergyView.class);
        double[] s = new double[v.stateSize()];
        Relaxation r = v.relax(c.theta, c.x, Nudge.FREE, null, s);
        assertTrue(r.converged());
        assertTrue(r.iterations() < 50, "Newton iterations " + r.iterations());
        assertTrue(v.residual(c.theta, c.x, Nudge.FREE, s) < 1e-12, "residual " + r.residual());
        assertEquals(1, d.queries().get(dev.pnn.spi.QueryKind.RELAX));
        double[] t = {0.3, -0.2};
        double[] sn = new double[s.length];
        v.relax(c.theta, c.x, new Nudge.Toward(0.5, java.util.Arrays.copyOf(t, v.outputUnits().length)), s, sn);
        assertTrue(v.residual(c.theta, c.x, new Nudge.Toward(0.5, java.util.Arrays.copyOf(t, v.outputUnits().length)), sn) < 1e-12);
        double[] clamp = java.util.Arrays.copyOf(t, v.outputUnits().length);
        v.relax(c.theta, c.x, new Nudge.Clamp(clamp), s, sn);
        assertTrue(v.residual(c.theta, c.x, new Nudge.Clamp(clamp), sn) < 1e-12);
        for (int k = 0; k < clamp.length; k++) assertEquals(clamp[k], sn[v.outputUnits()[k]], 0.0);
    }

    @Property(tries = 40)
    void analyticDerivativesMatchFiniteDifferences(@ForAll("systems") Case c) {
        EnergyDevice d = TestGraphs.open(c.graph);
        EnergyModel m = d.model();
        int n = m.stateSize();
        dev.pnn.spi.Rng r = new dev.pnn.spi.Rng(7);
        double[] s = new double[n];
        for (int i = 0; i < n; i++) s[i] = r.nextDouble() - 0.5;
        double[] g = new double[n], h = new double[n * n], gp = new double[n], gm = new double[n];
        m.gradient(c.theta, c.x, s, g);
        m.hessian(c.theta, c.x, s, h);
        double eps = 1e-6;
        for (int i = 0; i < n; i++) {
            double keep = s[i];
            s[i] = keep + eps;
            double ep = m.energy(c.theta, c.x, s);
            m.gradient(c.theta, c.x, s, gp);
            s[i] = keep - eps;
            double em = m.energy(c.theta, c.x, s);
            m.gradient(c.theta, c.x, s, gm);
            s[i] = keep;
            assertEquals((ep - em) / (2 * eps), g[i], 1e-7 * (1 + Math.abs(g[i])));
            for (int j = 0; j < n; j++)
                assertEquals((gp[j] - gm[j]) / (2 * eps), h[j * n + i], 1e-7 * (1 + Math.abs(h[j * n + i])));
        }
        double[] dE = new double[c.theta.length];
        m.energyGradientTheta(c.theta, c.x, s, dE);
        for (int i = 0; i < c.theta.length; i++) {
            double keep = c.theta[i];
            c.theta[i] = keep + eps;
            double ep = m.energy(c.theta, c.x, s);
            c.theta[i] = keep - eps;
            double em = m.energy(c.theta, c.x, s);
            c.theta[i] = keep;
            assertEquals((ep - em) / (2 * eps), dE[i], 1e-7 * (1 + Math.abs(dE[i])));
        }
    }

    /** §3 protocol: twin (implicit differentiation) vs central FD of L = Σ w·y through the relaxation. */
    @Property(tries = 40)
    void twinGradientMatchesFiniteDifferences(@ForAll("systems") Case c) {
        EnergyDevice d = TestGraphs.open(c.graph);
        TwinView twin = d.view(TwinView.class);
        int outs = c.graph.outputNode().type().width();
        double[] w = new double[outs];
        for (int k = 0; k < outs; k++) w[k] = 1.0 + k;
        Tape tape = twin.newTape(1);
        Tensor in = Tensor.wrap(c.x.clone(), null, 1, c.x.length);
        twin.forward(c.theta, in, tape);
        double[] grad = new double[c.theta.length];
        twin.backward(c.theta, tape, Tensor.wrap(w.clone(), null, 1, outs), grad);
        double[] fd = new double[grad.length];
        double num = 0, den = 0;
        for (int i = 0; i < grad.length; i++) {
            double hstep = 1e-6 * Math.max(1, Math.abs(c.theta[i]));
            double keep = c.theta[i];
            c.theta[i] = keep + hstep;
            double lp = dot(w, twin.forward(c.theta, in, tape));
            c.theta[i] = keep - hstep;
            double lm = dot(w, twin.forward(c.theta, in, tape));
            c.theta[i] = keep;
            fd[i] = (lp - lm) / (2 * hstep);
            num += (fd[i] - grad[i]) * (fd[i] - grad[i]);
            den += grad[i] * grad[i];
        }
        assertTrue(Math.sqrt(num) < 1e-6 * Math.max(Math.sqrt(den), 1e-12), "relative error " + Math.sqrt(num / den));
    }

    private static double dot(double[] w, Tensor y) {
        double s = 0;
        for (int k = 0; k < w.length; k++) s += w[k] * y.re[k];
        return s;
    }
}
