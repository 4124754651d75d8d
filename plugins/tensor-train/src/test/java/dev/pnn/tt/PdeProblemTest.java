package dev.pnn.tt;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.pnn.tt.BlackScholesPlan.*;
import static org.junit.jupiter.api.Assertions.*;

class PdeProblemTest {

    static double solution(PdeProblem p, double s, double t) {
        double[] env = new double[p.envSize()];
        env[0] = s;
        env[1] = t;
        p.define(env);
        return p.solution().eval(env);
    }

    @Test
    void analyticSolutionReproducesTheSpecValues() {
        PdeProblem p = PdeProblem.from(BlackScholesPlan.plan(stein(0.02), 16, 4));
        assertEquals(10.450584, solution(p, 100, 0), 5e-7);
        assertEquals(0.456155, solution(p, 80, 0.5), 5e-7);
        assertEquals(22.952453, solution(p, 120, 0.5), 5e-7);
        for (double t = 0; t < 1; t += 0.05) {
            assertEquals(0.0, solution(p, 0, t), 0.0);
            double edge = 200 - 100 * Math.exp(-0.05 * (1 - t));
            assertEquals(edge, solution(p, 200, t), 1e-3);
        }
    }

    @Test
    void normalCdfAgainstKnownValues() {
        assertEquals(0.5, NormalCdf.cdf(0), 1e-16);
        assertEquals(0.8413447460685429, NormalCdf.cdf(1), 1e-15);
        assertEquals(0.022750131948179195, NormalCdf.cdf(-2), 1e-15);
        assertEquals(2.866515718791939e-7, NormalCdf.cdf(-5), 1e-20);
        assertEquals(1 - 9.865876450376946e-10, NormalCdf.cdf(6), 1e-15);
        assertEquals(0.9986501019683699, NormalCdf.cdf(3), 1e-15);
    }

    @Test
    void problemStructure() {
        PdeProblem p = PdeProblem.from(BlackScholesPlan.plan(stein(0.02), 16, 4));
        assertArrayEquals(new String[]{"S", "t"}, p.vars());
        assertEquals(100, p.scale());
        assertEquals(2, p.residualOrder());
        assertEquals(3, p.conditions().size());
        assertEquals(1, p.conditions().get(0).var());
        assertEquals(1.0, p.conditions().get(0).at());
        assertEquals(200.0, p.conditions().get(2).at());
        assertInstanceOf(PdeProblem.Stein.class, p.estimator());
        assertInstanceOf(PdeProblem.Autodiff.class, PdeProblem.from(BlackScholesPlan.plan(sym("autodiff"), 16, 4)).estimator());
    }

    private static PnnException failing(String key, Value v) {
        Map<String, Value> e = new LinkedHashMap<>(entries(stein(0.02), named("uniform", "interior", num(8))));
        e.put(key, v);
        var plan = BlackScholesPlan.plan(e);
        PnnException ex = assertThrows(PnnException.class, () -> PdeProblem.from(plan));
        assertEquals(plan.locOf(key), ex.where(), "located at the entry");
        return ex;
    }

    @Test
    void locatedErrors() {
        assertTrue(failing("residual", op("+", call("d", sym("u"), sym("S"), sym("S"), sym("S")), sym("u")))
                .getMessage().contains("derivative order 3"));
        assertTrue(failing("residual", call("d", sym("u"), sym("x"))).getMessage().contains("domain variable"));
        assertTrue(failing("residual", op("*", sym("rr"), sym("u"))).getMessage().contains("unknown name 'rr'"));
        assertTrue(failing("residual", call("d", sym("v"), sym("S"))).getMessage().contains("differentiates the unknown"));
        assertTrue(failing("residual", call("erf", sym("S"))).getMessage().contains("unknown function"));
        assertTrue(failing("derivatives", named("stein", "sigma", num(0.02), "rule", named("sparse_grid", "level", num(4))))
                .getMessage().contains("level: 4"));
        assertTrue(failing("conditions", list(named("at", "x", num(0), "u", num(0)))).getMessage().contains("'x'"));
        assertTrue(failing("domain", named("box", "S", list(num(3), num(1)))).getMessage().contains("lo < hi"));
        assertTrue(failing("define", named("given", "bad", op("*", sym("u"), num(2)))).getMessage().contains("uses the unknown"));
    }
}
