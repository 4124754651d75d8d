package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.pnn.tt.BlackScholesPlan.*;
import static org.junit.jupiter.api.Assertions.*;

/** unknown = u(scale: s, form: F(variables, constants, net)): the Stein rule differentiates the whole ansatz. */
class UnknownFormTest {
    /** S/200·(200 − K e^{−r(T−t)}) + S/200·(1 − S/200)·net: meets both S boundaries whatever the network says. */
    static Value boundaryForm() {
        Value s = op("/", sym("S"), num(200));
        Value edge = op("-", num(200), op("*", sym("K"), call("exp", op("*", op("neg", sym("r")), op("-", sym("T"), sym("t"))))));
        return op("+", op("*", s, edge), op("*", op("*", s, op("-", num(1), s)), sym("net")));
    }

    static TrainingPlan plan(Value derivatives, Value form) {
        Map<String, Value> e = entries(derivatives, named("uniform", "interior", num(16), "boundary", num(4)));
        if (form != null) e.put("unknown", named("u", "scale", num(100), "form", form));
        return BlackScholesPlan.plan(e);
    }

    private static ForwardView device() {
        return FakeContext.of(TestNets.pinnNet(), plan(stein(0.02), null), 1).device().view(ForwardView.class);
    }

    @Test
    void theIdentityFormChangesNothing() {
        double[] th = TestNets.theta(TestNets.pinnNet(), 4);
        PinnObjective plain = new PinnObjective(PdeProblem.from(plan(stein(0.02), null)));
        PinnObjective identity = new PinnObjective(PdeProblem.from(plan(stein(0.02), sym("net"))));
        plain.sample(0);
        identity.sample(0);
        // the form sees net = scale·f and returns F/scale: that round trip may move the last bit, nothing more
        double l = plain.loss(th, device());
        assertEquals(l, identity.loss(th, device()), 1e-14 * l);
        double[] a = plain.compare(th, device()).predicted(), b = identity.compare(th, device()).predicted();
        for (int k = 0; k < a.length; k++) assertEquals(a[k], b[k], 1e-14 * (1 + Math.abs(a[k])), "grid point " + k);
    }

    /**
     * With the boundary form the trained unknown meets u(0, t) = 0 and u(200, t) = 200 − K e^{−r(T−t)} for any θ,
     * up to the Stein smoothing: the smoothed value at the face differs by O(σ²·scale) (σ = 0.02 in normalized
     * units: about 4e-4 × 100 times the size of the network output's derivatives, well below 0.2).
     */
    @Test
    void theBoundaryFormMeetsBothFacesForAnyParameters() {
        PinnObjective o = new PinnObjective(PdeProblem.from(plan(stein(0.02), boundaryForm())));
        for (long seed = 0; seed < 5; seed++) {
            double[] th = TestNets.theta(TestNets.pinnNet(), seed);
            var c = o.compare(th, device());
            int nt = c.counts()[1], ns = c.counts()[0];
            for (int j = 0; j < nt; j++) {
                double t = c.grid()[2 * j + 1];
                assertEquals(0.0, c.predicted()[j], 0.2, "S = 0, t = " + t);
                int k = (ns - 1) * nt + j;
                assertEquals(200 - 100 * Math.exp(-0.05 * (1 - t)), c.predicted()[k], 0.2, "S = 200, t = " + t);
            }
            PinnObjective plain = new PinnObjective(PdeProblem.from(plan(stein(0.02), null)));
            assertTrue(Math.abs(plain.compare(th, device()).predicted()[0]) > 0.5, "without the form the face is not met");
        }
    }

    @Test
    void aFormMustUseNetNotTheUnknownAndNeedsStein() {
        PnnException self = assertThrows(PnnException.class, () -> PdeProblem.from(plan(stein(0.02), op("*", num(2), sym("u")))));
        assertTrue(self.getMessage().contains("written with net"), self.getMessage());
        PnnException jets = assertThrows(PnnException.class, () -> PdeProblem.from(plan(sym("autodiff"), boundaryForm())));
        assertTrue(jets.getMessage().contains("needs derivatives = stein"), jets.getMessage());
    }

    /** The affine shortcut (a + b·f per node) gives the loss of evaluating the whole form at every node. */
    @Test
    void theAffineShortcutMatchesTheFullFormEvaluation() {
        PdeProblem affine = PdeProblem.from(plan(stein(0.02), boundaryForm()));
        // the same ansatz with net^1: not affine by structure, so every node evaluates the whole formula
        Value s = op("/", sym("S"), num(200));
        Value edge = op("-", num(200), op("*", sym("K"), call("exp", op("*", op("neg", sym("r")), op("-", sym("T"), sym("t"))))));
        Value general = op("+", op("*", s, edge), op("*", op("*", s, op("-", num(1), s)), op("^", sym("net"), num(1))));
        PdeProblem full = PdeProblem.from(plan(stein(0.02), general));
        assertTrue(FormShape.affine(affine.form(), affine.jetBase()));
        assertFalse(FormShape.affine(full.form(), full.jetBase()));
        PinnObjective a = new PinnObjective(affine), f = new PinnObjective(full);
        a.sample(3);
        f.sample(3);
        for (long seed = 0; seed < 3; seed++) {
            double[] th = TestNets.theta(TestNets.pinnNet(), seed);
            double la = a.loss(th, device()), lf = f.loss(th, device());
            assertEquals(lf, la, 1e-12 * lf, "seed " + seed);
        }
    }

    @Test
    void affineByStructure() {
        int net = 5;
        Formula x = new Formula.Slot(0, "S"), n = new Formula.Slot(net, "net"), two = new Formula.Const(2);
        assertTrue(FormShape.affine(new Formula.Binary('+', x, new Formula.Binary('*', x, n)), net));
        assertTrue(FormShape.affine(new Formula.Binary('/', new Formula.Neg(n), two), net));
        assertTrue(FormShape.affine(new Formula.Fn("exp", java.util.List.of(x)), net));
        assertFalse(FormShape.affine(new Formula.Binary('*', n, n), net));
        assertFalse(FormShape.affine(new Formula.Binary('/', x, n), net));
        assertFalse(FormShape.affine(new Formula.Fn("tanh", java.util.List.of(n)), net));
        assertFalse(FormShape.affine(new Formula.Binary('^', n, two), net));
    }
}
