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
        var entries = BlackScholesPlan.entries(der, BlackScholesPlan.named("uniform", "interior", BlackScholesPlan.num(Integer.parseInt(p("interior", "64"))),
                "boundary", BlackScholesPlan.num(Integer.parseInt(p("boundary", "16")))));
        {
            Value k = BlackScholesPlan.sym("K"), r = BlackScholesPlan.sym("r"), sS = BlackScholesPlan.sym("S"), T = BlackScholesPlan.sym("T");
            entries.put("conditions", BlackScholesPlan.list(
                    BlackScholesPlan.named("at", "t", T, "u", BlackScholesPlan.call("max", BlackScholesPlan.op("-", sS, k), BlackScholesPlan.num(0)), "weight", BlackScholesPlan.num(Double.parseDouble(p("wT", "1")))),
                    BlackScholesPlan.named("at", "S", BlackScholesPlan.num(0), "u", BlackScholesPlan.num(0), "weight", BlackScholesPlan.num(Double.parseDouble(p("w0", "1")))),
                    BlackScholesPlan.named("at", "S", BlackScholesPlan.num(200), "u", BlackScholesPlan.op("-", sS, BlackScholesPlan.op("*", k, BlackScholesPlan.call("exp",
                            BlackScholesPlan.op("*", BlackScholesPlan.op("neg", r), BlackScholesPlan.op("-", T, BlackScholesPlan.sym("t")))))), "weight", BlackScholesPlan.num(Double.parseDouble(p("wMax", "1"))))));
            entries.put("residual_weight", BlackScholesPlan.num(Double.parseDouble(p("wR", "1"))));
        }
        var plan = BlackScholesPlan.plan(entries);
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
        int every = Integer.parseInt(p("every", "100"));
        double ema = Double.parseDouble(p("ema", "0"));
        int emaStart = Integer.parseInt(p("emaStart", "0"));
        double[] avg = th.clone();
        for (int s = 0; s < steps; s++) {
            if (s % every == 0) opt.startEpoch(s / every);
            l = t.gradient(th, b, grad);
            opt.step(th, grad);
            if (s < emaStart) System.arraycopy(th, 0, avg, 0, th.length);
            else for (int i = 0; i < th.length; i++) avg[i] = ema * avg[i] + (1 - ema) * th[i];
            if (s % Math.max(1, steps / 10) == 0) System.out.printf("step %d loss %.3e%n", s, l);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        long q = ctx.device().queries().get(QueryKind.FORWARD);
        PinnObjective o = new PinnObjective(PdeProblem.from(plan));
        var cmp = o.compare(th, ctx.device().view(ForwardView.class));
        if (ema > 0) System.out.printf("EMA %.4f: relL2 %.4e (last iterate %.4e)%n", ema, o.compare(avg, ctx.device().view(ForwardView.class)).relativeL2(), cmp.relativeL2());
        int nt = cmp.counts()[1], ns = cmp.counts()[0];
        for (int j = 0; j < nt; j += 4) {
            double e2 = 0, m = 0;
            for (int i = 0; i < ns; i++) { int k = i * nt + j; if (Double.isFinite(cmp.exact()[k])) { double e = cmp.predicted()[k] - cmp.exact()[k]; e2 += e * e; m = Math.max(m, Math.abs(e)); } }
            System.out.printf("  t=%.2f rms %.3f max %.3f%n", cmp.grid()[j * 2 + 1], Math.sqrt(e2 / ns), m);
        }
        if (Boolean.parseBoolean(p("solve", "false"))) {
            PinnObjective big = new PinnObjective(PdeProblem.from(plan));
            int ni = Integer.parseInt(p("solveInterior", "1024")), nb = Integer.parseInt(p("solveBoundary", "128"));
            int n = ni + 3 * nb;
            double[] pts = new double[2 * n];
            dev.pnn.spi.Rng rr = new dev.pnn.spi.Rng(99);
            for (int i = 0; i < 2 * n; i++) pts[i] = rr.nextDouble();
            for (int i = ni; i < ni + nb; i++) pts[2 * i + 1] = 1.0;           // t = T
            for (int i = ni + nb; i < ni + 2 * nb; i++) pts[2 * i] = 0.0;      // S = 0
            for (int i = ni + 2 * nb; i < n; i++) pts[2 * i] = 1.0;            // S = 200
            big.setPoints(pts, n, ni);
            var w = g.slice("v.weight").get();
            var bb = g.slice("v.bias").get();
            int[] idx = new int[w.length() + 1];
            for (int i = 0; i < w.length(); i++) idx[i] = w.offset() + i;
            idx[w.length()] = bb.offset();
            ForwardView fv = ctx.device().view(ForwardView.class);
            double[] th0 = th.clone();
            for (int j : idx) th0[j] = 0;
            double[] r0 = new double[n];
            big.residuals(th0, fv, r0);
            org.ejml.simple.SimpleMatrix A = new org.ejml.simple.SimpleMatrix(n, idx.length);
            double[] rj = new double[n];
            for (int c = 0; c < idx.length; c++) {
                th0[idx[c]] = 1;
                big.residuals(th0, fv, rj);
                th0[idx[c]] = 0;
                for (int i = 0; i < n; i++) A.set(i, c, rj[i] - r0[i]);
            }
            double lambda = Double.parseDouble(p("lambda", "1e-10"));
            var ata = A.transpose().mult(A).plus(org.ejml.simple.SimpleMatrix.identity(idx.length).scale(lambda));
            var x = ata.solve(A.transpose().mult(new org.ejml.simple.SimpleMatrix(n, 1, true, r0)).scale(-1));
            double[] ths = th.clone();
            for (int c = 0; c < idx.length; c++) ths[idx[c]] = x.get(c);
            double before = 0, after = 0;
            big.residuals(th, fv, rj);
            for (double v : rj) before += v * v;
            big.residuals(ths, fv, rj);
            for (double v : rj) after += v * v;
            var cs = o.compare(ths, fv);
            System.out.printf("SOLVE: big-set loss %.3e -> %.3e, relL2 %.4e -> %.4e (max %.3f)%n", before, after, cmp.relativeL2(), cs.relativeL2(), cs.maxAbs());
        }
        double[] band = new double[5];
        int[] bc = new int[5];
        for (int k = 0; k < ns * nt; k++) {
            if (!Double.isFinite(cmp.exact()[k])) continue;
            int bi = Math.min(4, (int) (cmp.grid()[2 * k] * 5));
            double e = cmp.predicted()[k] - cmp.exact()[k];
            band[bi] += e * e;
            bc[bi]++;
        }
        for (int i = 0; i < 5; i++) System.out.printf("  S in [%d,%d) rms %.3f%n", i * 40, i * 40 + 40, Math.sqrt(band[i] / bc[i]));
        System.out.printf("D=%d final loss %.3e relL2 %.4e maxAbs %.3f time %.1fs queries %d%n", g.paramCount(), l, cmp.relativeL2(), cmp.maxAbs(), secs, q);
    }
}
