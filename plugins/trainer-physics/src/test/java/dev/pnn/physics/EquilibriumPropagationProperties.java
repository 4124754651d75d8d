package dev.pnn.physics;

import dev.pnn.spi.Capability;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.EnergyView.Nudge;
import dev.pnn.spi.device.TwinView;
import dev.pnn.spi.exec.Tape;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ALGORITHMS.md §10 oracles for {@code ep} and {@code coupled}, run through the trainers and the energy_sim
 * device: the EP estimate's error against the true gradient (the twin's implicit differentiation, itself checked
 * against central FD in the backend module) halves with β one-sided and quarters symmetric, on Hopfield-like,
 * linear and nonlinear resistor networks; coupled learning points along k_eff·∇C with error ∝ η; EP with current
 * injection β reaches exactly the CL state with η = β/(k_eff + β).
 */
class EquilibriumPropagationProperties {
    record Case(String name, Graph graph, double[] theta, double[] x, double[] t) {
    }

    @Provide
    Arbitrary<Case> systems() {
        return Arbitraries.longs().flatMap(seed -> Arbitraries.of("hopfield", "linear", "cubic").map(k -> build(k, seed)));
    }

    @Provide
    Arbitrary<Case> linearOneOutput() {
        return Arbitraries.longs().map(seed -> build("linear1", seed));
    }

    static Case build(String kind, long seed) {
        Graph g = switch (kind) {
            case "hopfield" -> Systems.single("hopfield", 3, Map.of("hidden", Systems.num(4), "outputs", Systems.num(2)));
            case "linear" -> Systems.single("resistor_network", 2, Map.of("nodes", Systems.num(5), "outputs",
                    Systems.num(2), "element", new Value.Sym("linear")));
            case "linear1" -> Systems.single("resistor_network", 2, Map.of("nodes", Systems.num(5), "outputs",
                    Systems.num(1), "element", new Value.Sym("linear")));
            default -> Systems.single("resistor_network", 2, Map.of("nodes", Systems.num(5), "outputs",
                    Systems.num(2), "element", Systems.call("cubic", Map.of("c", Systems.num(0.5)))));
        };
        double[] theta = Systems.init(g, seed);
        Rng r = Rng.derived(seed, "data");
        // Hopfield biases N(0, 0.5²): units of order one, the regime of §10's table (the init's zero biases would
        // leave the quartic term nearly idle). Resistor conductances uniform in [0.5, 2].
        if (kind.equals("hopfield")) g.slice("y.b").ifPresent(s -> {
            for (int i = s.offset(); i < s.end(); i++) theta[i] = 0.5 * r.nextGaussian();
        });
        else for (int i = 0; i < theta.length; i++) theta[i] = 0.5 + 1.5 * r.nextDouble();
        double[] x = new double[g.inputs().get(0).type().width()];
        for (int i = 0; i < x.length; i++) x[i] = 2 * r.nextDouble() - 1;
        double[] t = new double[g.outputNode().type().width()];
        for (int i = 0; i < t.length; i++) t[i] = 2 * r.nextDouble() - 1;
        return new Case(kind, g, theta, x, t);
    }

    static String backend(Case c) {
        return "energy_sim";
    }

    /** dC/dθ for C = ½‖y − t‖² by backprop through the digital model. */
    static double[] trueGradient(Case c, Device d) {
        TwinView twin = d.view(TwinView.class);
        Tape tape = twin.newTape(1);
        Tensor y = twin.forward(c.theta, Tensor.wrap(c.x.clone(), null, 1, c.x.length), tape);
        double[] dy = new double[c.t.length];
        for (int k = 0; k < dy.length; k++) dy[k] = y.re[k] - c.t[k];
        double[] g = new double[c.theta.length];
        twin.backward(c.theta, tape, Tensor.wrap(dy, null, 1, dy.length), g);
        return g;
    }

    static double[] estimate(Case c, Device d, String trainer, Map<String, Value> args) {
        GradientTrainer tr = (GradientTrainer) PhysicsTrainers.all().stream().filter(f -> f.name().equals(trainer))
                .findFirst().orElseThrow().create(new Args(trainer, args), Systems.context(c.graph, d, Systems.HALF_SSE));
        Batch b = Systems.batch(c.x, c.x.length, c.t, c.t.length);
        double[] g = new double[c.theta.length];
        tr.gradient(c.theta, b, g);
        return g;
    }

    static double relativeError(double[] est, double[] truth) {
        double num = 0, den = 0;
        for (int i = 0; i < est.length; i++) {
            num += (est[i] - truth[i]) * (est[i] - truth[i]);
            den += truth[i] * truth[i];
        }
        return Math.sqrt(num / den);
    }

    /**
     * §10's table starts at β = 0.1 for three fixed networks. Over random draws the O(β²) term sometimes still
     * bends the first ratio there (1.73 and 2.25 were seen in 300 draws), so the halving sequence starts at 0.04,
     * inside the asymptotic regime; the ratio bounds themselves are §10's.
     */
    static final double START_BETA = 0.04;

    static double[] errorsOverBeta(Case c, boolean symmetric) {
        Device d = Systems.open(backend(c), c.graph);
        double[] truth = trueGradient(c, d);
        double[] e = new double[4];
        double beta = START_BETA;
        for (int k = 0; k < 4; k++, beta /= 2)
            e[k] = relativeError(estimate(c, d, "ep", Map.of("beta", Systems.num(beta), "symmetric",
                    new Value.Bool(symmetric))), truth);
        return e;
    }

    @Property(tries = 100)
    void oneSidedErrorIsFirstOrderInBeta(@ForAll("systems") Case c) {
        double[] e = errorsOverBeta(c, false);
        for (int k = 0; k < 3; k++) {
            double ratio = e[k] / e[k + 1];
            assertTrue(ratio >= 1.8 && ratio <= 2.2, c.name + ": one-sided errors " + java.util.Arrays.toString(e));
        }
    }

    @Property(tries = 100)
    void symmetricErrorIsSecondOrderInBeta(@ForAll("systems") Case c) {
        double[] e = errorsOverBeta(c, true);
        for (int k = 0; k < 3; k++) {
            double ratio = e[k] / e[k + 1];
            assertTrue(ratio >= 3.6 && ratio <= 4.4, c.name + ": symmetric errors " + java.util.Arrays.toString(e));
        }
    }

    /**
     * k_eff measured the way a lab would: inject a current at the output (nudge toward t with strength β) and
     * divide it by the voltage change it causes. Exact in a linear network.
     */
    static double effectiveConductance(Case c, EnergyView v) {
        double[] s0 = new double[v.stateSize()], s1 = new double[v.stateSize()];
        v.relax(c.theta, c.x, Nudge.FREE, null, s0);
        int o = v.outputUnits()[0];
        double beta = 0.3;
        v.relax(c.theta, c.x, new Nudge.Toward(beta, c.t), s0, s1);
        return beta * (c.t[0] - s1[o]) / (s1[o] - s0[o]);
    }

    @Property(tries = 40)
    void coupledLearningFollowsTheScaledGradient(@ForAll("linearOneOutput") Case c) {
        Device d = Systems.open("energy_sim", c.graph);
        double[] truth = trueGradient(c, d);
        double k = effectiveConductance(c, d.view(EnergyView.class));
        for (int i = 0; i < truth.length; i++) truth[i] *= k;
        double[] e = new double[3], oneMinusCos = new double[3];
        double eta = 0.1;
        for (int j = 0; j < 3; j++, eta /= 2) {
            double[] est = estimate(c, d, "coupled", Map.of("eta", Systems.num(eta)));
            e[j] = relativeError(est, truth);
            double dot = 0, a = 0, b = 0;
            for (int i = 0; i < truth.length; i++) {
                dot += est[i] * truth[i];
                a += est[i] * est[i];
                b += truth[i] * truth[i];
            }
            oneMinusCos[j] = 1 - dot / Math.sqrt(a * b);
        }
        String report = "CL errors " + java.util.Arrays.toString(e) + ", 1 - cos " + java.util.Arrays.toString(oneMinusCos);
        for (int j = 0; j < 2; j++) {
            double ratio = e[j] / e[j + 1];
            assertTrue(ratio >= 1.8 && ratio <= 2.2, report);
        }
        // §10 quotes cosine 0.99996 at η = 0.1 for its one 7-node network (relative error 9e-3). Over random
        // networks and targets the O(η) error at η = 0.1 reaches ~20%, so instead of that one number we assert
        // what makes CL a descent method: a positive-metric direction (cos > 0.95 at η = 0.1) whose angle to
        // k_eff·∇C closes like η (1 − cos falls ~4× per halving, since the error's orthogonal part is O(η)).
        assertTrue(oneMinusCos[0] < 0.05, report);
        for (int j = 0; j < 2; j++) {
            double ratio = oneMinusCos[j] / oneMinusCos[j + 1];
            assertTrue(oneMinusCos[j] < 1e-12 || (ratio >= 3.2 && ratio <= 4.8), report);
        }
    }

    @Property(tries = 60)
    void epStateEqualsCoupledLearningState(@ForAll("linearOneOutput") Case c) {
        Device d = Systems.open("energy_sim", c.graph);
        EnergyView v = d.view(EnergyView.class);
        double k = effectiveConductance(c, v);
        double beta = 0.1, eta = beta / (k + beta);
        double[] s0 = new double[v.stateSize()], sEp = new double[v.stateSize()], sCl = new double[v.stateSize()];
        v.relax(c.theta, c.x, Nudge.FREE, null, s0);
        v.relax(c.theta, c.x, new Nudge.Toward(beta, c.t), s0, sEp);
        int o = v.outputUnits()[0];
        v.relax(c.theta, c.x, new Nudge.Clamp(new double[]{s0[o] + eta * (c.t[0] - s0[o])}), s0, sCl);
        for (int i = 0; i < s0.length; i++) assertEquals(sEp[i], sCl[i], 1e-14, "unit " + i);
    }

    @Test
    void eachTrainerDeclaresOnlyItsCapability() {
        Map<String, Set<Capability>> expected = Map.of("ep", Set.of(Capability.ENERGY), "coupled",
                Set.of(Capability.ENERGY), "heb", Set.of(Capability.ECHO), "scattering_bp", Set.of(Capability.SCATTERING));
        PhysicsTrainers.all().forEach(f -> assertEquals(expected.get(f.name()), f.requires(), f.name()));
    }

    @Test
    void epCountsTwoRelaxationsPerSampleOneSidedAndThreeSymmetric() {
        Case c = build("cubic", 5);
        Device d = Systems.open("energy_sim", c.graph);
        estimate(c, d, "ep", Map.of("beta", Systems.num(0.1)));
        assertEquals(2, d.queries().get(QueryKind.RELAX));
        estimate(c, d, "ep", Map.of("beta", Systems.num(0.1), "symmetric", new Value.Bool(true)));
        assertEquals(5, d.queries().get(QueryKind.RELAX));
    }
}
