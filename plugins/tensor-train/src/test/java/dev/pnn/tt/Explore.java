package dev.pnn.tt;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.QueryKind;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Optimizer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exploration runner behind the numbers quoted in docs/black-scholes.md ("Explore"): trains the hand-built
 * Black–Scholes plan with system properties for the architecture (h = 16 or 64), trainer, points, queries, mu,
 * learning rate and first-layer init scale, and prints the error per time slice. Not a test.
 */
public final class Explore {
    static String p(String k, String d) {
        return System.getProperty(k, d);
    }

    public static void main(String[] a) {
        int h = Integer.parseInt(p("h", "16"));
        Graph g = h == 16
                ? TestNets.input(2).linear("h1", 16).act("a1", "tanh").tt("h2", new int[]{4, 4}, new int[]{4, 4}, new int[]{1, 4, 1}).act("a2", "tanh").linear("v", 1).graph()
                : TestNets.input(2).linear("h1", 64).act("a1", "tanh").tt("h2", new int[]{4, 4, 4}, new int[]{4, 4, 4}, new int[]{1, 4, 4, 1}).act("a2", "tanh").linear("v", 1).graph();
        String tr = p("trainer", "tt_zo");
        Value der = tr.equals("tt_zo") ? BlackScholesPlan.stein(Double.parseDouble(p("sigma", "0.02"))) : new Value.Sym("autodiff");
        var plan = BlackScholesPlan.plan(der, Integer.parseInt(p("interior", "64")), Integer.parseInt(p("boundary", "16")));
        FakeContext ctx = FakeContext.of(g, plan, 1);
        Map<String, Value> targs = new LinkedHashMap<>();
        targs.put("queries", new Value.Num(Integer.parseInt(p("queries", "8"))));
        targs.put("mu", new Value.Num(Double.parseDouble(p("mu", "0.01"))));
        targs.put("antithetic", new Value.Bool(Boolean.parseBoolean(p("anti", "false"))));
        targs.put("blocks", new Value.Sym(p("blocks", "whole")));
        targs.put("direction", new Value.Sym(p("dir", "gaussian")));
        GradientTrainer t = (GradientTrainer) (tr.equals("tt_zo") ? new TtZoFactory().create(new Args("tt_zo", targs), ctx)
                : new PinnBackpropFactory().create(new Args("pinn_backprop", Map.of()), ctx));
        PnnPlugin bp = new dev.pnn.backprop.BackpropPlugin();
        var adamF = bp.optimizers().stream().filter(o -> o.name().equals("adam")).findFirst().orElseThrow();
        Map<String, Value> oargs = new LinkedHashMap<>();
        oargs.put("lr", new Value.Num(Double.parseDouble(p("lr", "0.01"))));
        oargs.put("halve_every", new Value.Num(Integer.parseInt(p("halve", "0"))));
        Optimizer opt = adamF.create(new Args("adam", oargs), g.slices(), g.paramCount());
        double[] th = TestNets.theta(g, Long.parseLong(p("seed", "0")));
        double w1 = Double.parseDouble(p("w1", "1"));
        var h1w = g.slice("h1.weight").get();
        for (int i = h1w.offset(); i < h1w.end(); i++) th[i] *= w1;
        double[] grad = new double[th.length];
        int steps = Integer.parseInt(p("steps", "2000"));
        Batch b = null;
        long t0 = System.nanoTime();
        double l = 0;
        for (int s = 0; s < steps; s++) {
            if (s % 100 == 0) opt.startEpoch(s / 100);
            l = t.gradient(th, b, grad);
            opt.step(th, grad);
            if (s % Math.max(1, steps / 10) == 0) System.out.printf("step %d loss %.3e%n", s, l);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long q = ctx.device().queries().get(QueryKind.FORWARD);
        PinnObjective o = new PinnObjective(PdeProblem.from(plan));
        var cmp = o.compare(th, ctx.device().view(ForwardView.class));
        int nt = cmp.counts()[1], ns = cmp.counts()[0];
        for (int j = 0; j < nt; j += 4) {
            double e2 = 0, m = 0;
            for (int i = 0; i < ns; i++) { int k = i * nt + j; if (Double.isFinite(cmp.exact()[k])) { double e = cmp.predicted()[k] - cmp.exact()[k]; e2 += e * e; m = Math.max(m, Math.abs(e)); } }
            System.out.printf("  t=%.2f rms %.3f max %.3f%n", cmp.grid()[j * 2 + 1], Math.sqrt(e2 / ns), m);
        }
        System.out.printf("D=%d final loss %.3e relL2 %.4e maxAbs %.3f time %.1fs queries %d%n", g.paramCount(), l, cmp.relativeL2(), cmp.maxAbs(), secs, q);
    }
}
