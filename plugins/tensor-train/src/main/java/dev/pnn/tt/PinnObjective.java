package dev.pnn.tt;

import dev.pnn.spi.Rng;
import dev.pnn.spi.Seeds;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.exec.Tensor;

/**
 * The physics-informed loss of a {@link PdeProblem} at the current collocation points:
 * L = w_r·mean_interior((R/scale)²) + Σ_c w_c·mean_face_c(((u − g_c)/scale)²), in units of the output scale.
 *
 * <p>With the Stein estimator the network is only run forward (a {@link ForwardView}): each point costs the
 * rule's node count in queries, and the trained object is the smoothed network u = Σ w_k f(x + σz_k), at the
 * conditions as well. With {@code autodiff} the loss uses the network f itself and its exact jets
 * ({@link JetView}), and {@link #lossAndGradient} returns ∂L/∂θ (the backprop reference).
 */
final class PinnObjective {
    private final PdeProblem pde;
    private final int d;
    private final SteinEstimator stein;     // null for autodiff
    private final JetLayout jl;
    private final double[] env;
    private final double[] envAdj;
    private double[] points = new double[0];   // normalized, interior first then each condition's face
    private int nPoints;
    private double[] queryPts = new double[0];
    private Tensor queryIn;
    private Tensor queryOut;
    private long sampledBlock = Long.MIN_VALUE;
    private int interiorCount;
    private double[] prefix = new double[0];   // per point: variables and definitions (env[0..jetBase))
    private double[] targets = new double[0];  // per face point: the condition's target value
    private double[] resid = new double[0];
    private double[] nodeEnv = new double[0];  // with a form: per query node, its variables and definitions
    private double[] formed = new double[0];   // with a form: the unknown / scale at each query node
    private final boolean formAffine;          // the form is a + b·net: a, b per node (FormShape)
    private final boolean[] formReads;         // per definition: does the form need it
    private double[] formA = new double[0];
    private double[] formB = new double[0];

    PinnObjective(PdeProblem pde) {
        this.pde = pde;
        this.d = pde.dim();
        this.jl = new JetLayout(d, 2);
        this.env = new double[pde.envSize()];
        this.envAdj = new double[pde.envSize()];
        this.formAffine = pde.form() != null && FormShape.affine(pde.form(), pde.jetBase());
        this.formReads = definitionsReadBy(pde);
        if (pde.estimator() instanceof PdeProblem.Stein s) {
            double[] sig = new double[d];
            java.util.Arrays.fill(sig, s.sigma());
            this.stein = new SteinEstimator(SparseGridRule.sparseGrid(d, s.level()), sig);
        } else this.stein = null;
    }

    PdeProblem problem() {
        return pde;
    }

    boolean forwardOnly() {
        return stein != null;
    }

    int points() {
        return nPoints;
    }

    /** Forward queries one loss evaluation costs. */
    long queriesPerEvaluation() {
        return stein == null ? nPoints : (long) nPoints * stein.queriesPerPoint();
    }

    /**
     * Draws collocation points for training step {@code step}: new points every {@code resample} steps (0: once),
     * seeded by the collocation seed and the block index, so runs repeat bit for bit.
     */
    void sample(long step) {
        sample(step, null, 0);
    }

    /**
     * As {@link #sample(long)}, but with the interior points given (a batch of the plan's {@code collocation}
     * data set, normalized, {@code n × d}) when {@code interior} is non-null; the faces are still drawn here.
     */
    void sample(long step, double[] interior, int n) {
        PdeProblem.Collocation c = pde.collocation();
        long block = c.resample() == 0 ? 0 : step / c.resample();
        if (interior == null && block == sampledBlock) return;
        sampledBlock = block;
        Rng rng = new Rng(Seeds.derive(c.seed(), "collocation/" + block));
        int ni = interior == null ? c.interior() : n;
        int total = ni + c.boundary() * pde.conditions().size();
        double[] pts = new double[total * d];
        if (interior != null) System.arraycopy(interior, 0, pts, 0, ni * d);
        else
            for (int p = 0; p < ni; p++)
                for (int j = 0; j < d; j++) pts[p * d + j] = rng.nextDouble();
        interiorCount = ni;
        int p = ni;
        for (PdeProblem.Condition cond : pde.conditions())
            for (int q = 0; q < c.boundary(); q++, p++)
                for (int j = 0; j < d; j++)
                    pts[p * d + j] = j == cond.var() ? pde.normalized(j, cond.at()) : rng.nextDouble();
        setPoints(pts, total, ni);
    }

    /** Uses the given normalized points: {@code interior} interior points, then boundary-count points per face. */
    void setPoints(double[] pts, int n, int interior) {
        interiorCount = interior;
        points = pts;
        nPoints = n;
        // variables and definitions do not change while the points stay: evaluate them once, not per loss query
        int base = pde.jetBase();
        prefix = new double[n * base];
        targets = new double[n];
        for (int p = 0; p < n; p++) {
            for (int j = 0; j < d; j++) env[j] = pde.physical(j, points[p * d + j]);
            pde.define(env);
            System.arraycopy(env, 0, prefix, p * base, base);
        }
        int p = interior, per = pde.collocation().boundary();
        if (n > interior && !pde.conditions().isEmpty()) per = (n - interior) / pde.conditions().size();
        for (PdeProblem.Condition c : pde.conditions())
            for (int k = 0; k < per && p < n; k++, p++) {
                System.arraycopy(prefix, p * base, env, 0, base);
                targets[p] = c.target().eval(env);
            }
        if (stein != null) {
            int q = stein.queriesPerPoint();
            queryPts = new double[n * q * d];
            for (int r = 0; r < n; r++) stein.queryPoints(points, r * d, queryPts, r * q);
            queryIn = Tensor.wrap(queryPts, null, n * q, d);
            queryOut = Tensor.real(n * q, 1);
            if (pde.form() != null) prepareForm(queryPts, n * q);
        }
    }

    /** Per query node: the node's environment, and for an affine form its a and b (u/scale = a + b·f). */
    private void prepareForm(double[] qp, int rows) {
        nodeEnv = nodeEnvironments(qp, rows);
        if (!formAffine) return;
        if (formA.length < rows) {
            formA = new double[rows];
            formB = new double[rows];
        }
        int base = pde.jetBase();
        double scale = pde.scale();
        for (int k = 0; k < rows; k++) {
            System.arraycopy(nodeEnv, k * base, env, 0, base);
            env[base] = 0;
            double a = pde.form().eval(env);
            env[base] = scale;
            formA[k] = a / scale;
            formB[k] = (pde.form().eval(env) - a) / scale;   // F(net = scale) − F(0) = b·scale, per unit f
        }
    }

    /**
     * Variables and the definitions the form reads (directly or through other definitions; the rest stay NaN) at
     * each of {@code rows} normalized query points.
     */
    private double[] nodeEnvironments(double[] qp, int rows) {
        int base = pde.jetBase(), nv = d;
        double[] out = new double[rows * base];
        java.util.List<Formula> defs = pde.defs();
        for (int k = 0; k < rows; k++) {
            for (int j = 0; j < nv; j++) env[j] = pde.physical(j, qp[k * d + j]);
            for (int i = 0; i < defs.size(); i++) env[nv + i] = formReads[i] ? defs.get(i).eval(env) : Double.NaN;
            System.arraycopy(env, 0, out, k * base, base);
        }
        return out;
    }

    /** Which definitions the form needs, following definitions that use earlier ones. */
    private static boolean[] definitionsReadBy(PdeProblem pde) {
        java.util.List<Formula> defs = pde.defs();
        boolean[] need = new boolean[defs.size()];
        if (pde.form() == null) return need;
        int nv = pde.dim();
        for (int i = 0; i < defs.size(); i++) need[i] = FormShape.uses(pde.form(), nv + i);
        for (int i = defs.size() - 1; i >= 0; i--)   // a definition uses only earlier ones
            if (need[i]) for (int j = 0; j < i; j++) need[j] |= FormShape.uses(defs.get(i), nv + j);
        return need;
    }

    private double[] affineAtNodes(double[] f, int rows) {
        if (formed.length < rows) formed = new double[rows];
        for (int k = 0; k < rows; k++) formed[k] = formA[k] + formB[k] * f[k];
        return formed;
    }

    /**
     * The unknown at each query node in output-scale units: f itself, or with a form u = F(x, net = scale·f),
     * F/scale. The Stein rule then differentiates the whole ansatz from its values at the nodes.
     */
    private double[] unknownAtNodes(double[] f, double[] envs, int rows) {
        Formula form = pde.form();
        if (form == null) return f;
        if (formed.length < rows) formed = new double[rows];
        int base = pde.jetBase();
        double scale = pde.scale();
        for (int k = 0; k < rows; k++) {
            System.arraycopy(envs, k * base, env, 0, base);
            env[base] = scale * f[k];
            formed[k] = form.eval(env) / scale;
        }
        return formed;
    }

    /** Stein loss: runs the rule's query points forward at θ (n·nodes queries). */
    double loss(double[] theta, ForwardView device) {
        device.forward(theta, queryIn, queryOut);
        if (resid.length < nPoints) resid = new double[nPoints];
        steinResiduals(queryOut.re, resid);
        double loss = 0;
        for (int p = 0; p < nPoints; p++) loss += resid[p] * resid[p];
        return loss;
    }

    /**
     * The weighted residuals whose squares sum to the Stein loss: √(w_r/n_interior)·R/scale at interior points,
     * then √(w_c/n_face)·(u − g)/scale at each face point; {@code r.length} ≥ {@link #points()}. Runs the rule's
     * query points forward at θ (n·nodes queries).
     */
    void residuals(double[] theta, ForwardView device, double[] r) {
        device.forward(theta, queryIn, queryOut);
        steinResiduals(queryOut.re, r);
    }

    private void steinResiduals(double[] raw, double[] out) {
        int q = stein.queriesPerPoint(), interior = interiorCount;
        double[] f = formAffine ? affineAtNodes(raw, nPoints * q) : unknownAtNodes(raw, nodeEnv, nPoints * q);
        double scale = pde.scale();
        double wr = interior == 0 ? 0 : Math.sqrt(pde.residualWeight() / interior);
        for (int p = 0; p < interior; p++) {
            int off = p * q;
            physicalPoint(p);
            env[pde.jetBase()] = scale * stein.value(f, off);
            for (int i = 0; i < d; i++) {
                env[pde.jetBase() + jl.first(i)] = scale * stein.gradient(f, off, i) / pde.length(i);
                for (int j = i; j < d; j++)
                    env[pde.jetBase() + jl.second(i, j)] = scale * stein.hessian(f, off, i, j) / (pde.length(i) * pde.length(j));
            }
            out[p] = wr * pde.residual().eval(env) / scale;
        }
        int p = interior, per = pde.collocation().boundary();
        if (nPoints > interior && !pde.conditions().isEmpty()) per = (nPoints - interior) / pde.conditions().size();
        for (PdeProblem.Condition c : pde.conditions()) {
            double w = per == 0 ? 0 : Math.sqrt(c.weight() / per);
            for (int k = 0; k < per && p < nPoints; k++, p++)
                out[p] = w * (scale * stein.value(f, p * q) - targets[p]) / scale;
        }
    }

    private void physicalPoint(int p) {
        int base = pde.jetBase();
        System.arraycopy(prefix, p * base, env, 0, base);
    }

    /** Exact-derivative loss and, when {@code grad} is non-null, adds ∂L/∂θ into it (backprop reference). */
    double lossAndGradient(double[] theta, JetView twin, double[] grad) {
        int order = Math.max(pde.residualOrder(), 0);
        int c = twin.components(order);
        JetLayout lay = new JetLayout(d, order);
        double[] f = twin.jets(theta, points, nPoints, order);
        double[] fbar = grad == null ? null : new double[nPoints * c];
        int interior = interiorCount;
        double scale = pde.scale(), loss = 0;
        double wr = interior == 0 ? 0 : pde.residualWeight() / interior;
        for (int p = 0; p < interior; p++) {
            physicalPoint(p);
            loadJets(f, p * c, lay);
            double r = pde.residual().eval(env) / scale;
            loss += wr * r * r;
            if (fbar != null) {
                java.util.Arrays.fill(envAdj, 0.0);
                pde.residual().adjoint(env, 2 * wr * r / scale, envAdj);
                storeJetAdjoint(fbar, p * c, lay);
            }
        }
        int p = interior, per = pde.collocation().boundary();
        for (PdeProblem.Condition cond : pde.conditions()) {
            double w = per == 0 ? 0 : cond.weight() / per;
            for (int k = 0; k < per; k++, p++) {
                double e = (scale * f[p * c] - targets[p]) / scale;
                loss += w * e * e;
                if (fbar != null) fbar[p * c] += 2 * w * e;
            }
        }
        if (fbar != null) twin.pullback(theta, fbar, grad);
        return loss;
    }

    private void loadJets(double[] f, int off, JetLayout lay) {
        double scale = pde.scale();
        int base = pde.jetBase();
        env[base] = scale * f[off];
        for (int i = 0; i < d; i++) {
            env[base + jl.first(i)] = lay.order() >= 1 ? scale * f[off + lay.first(i)] / pde.length(i) : 0;
            for (int j = i; j < d; j++)
                env[base + jl.second(i, j)] = lay.order() == 2
                        ? scale * f[off + lay.second(i, j)] / (pde.length(i) * pde.length(j)) : 0;
        }
    }

    private void storeJetAdjoint(double[] fbar, int off, JetLayout lay) {
        double scale = pde.scale();
        int base = pde.jetBase();
        fbar[off] += envAdj[base] * scale;
        for (int i = 0; i < d; i++) {
            if (lay.order() >= 1) fbar[off + lay.first(i)] += envAdj[base + jl.first(i)] * scale / pde.length(i);
            for (int j = i; j < d; j++)
                if (lay.order() == 2)
                    fbar[off + lay.second(i, j)] += envAdj[base + jl.second(i, j)] * scale / (pde.length(i) * pde.length(j));
        }
    }

    /**
     * The trainer's final scores: relative L2 and max abs error of the trained unknown against the plan's
     * {@code solution} on its grid (empty when the plan states no solution).
     */
    java.util.Map<String, Double> scores(double[] theta, ForwardView device) {
        if (pde.solution() == null) return java.util.Map.of();
        Comparison c = compare(theta, device);
        java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("relative_l2_vs_solution", c.relativeL2());
        m.put("max_abs_error_vs_solution", c.maxAbs());
        return m;
    }

    /** Result of comparing the trained unknown with the plan's solution on its grid. */
    record Comparison(double relativeL2, double maxAbs, int points, int skipped, double[] grid, double[] predicted,
                      double[] exact, int[] counts) {
    }

    /**
     * The trained unknown (smoothed with the same rule for Stein, f itself for autodiff) against the plan's
     * {@code solution} on a uniform grid including the ends; grid points where the solution is not finite are
     * skipped and counted. Runs the network forward (queries are counted by the device).
     */
    Comparison compare(double[] theta, ForwardView device) {
        if (pde.solution() == null) throw new IllegalStateException("the plan has no solution entry");
        int[] g = pde.grid();
        int total = 1;
        for (int v : g) total *= v;
        double[] pts = new double[total * d];
        for (int k = 0; k < total; k++) {
            int rem = k;
            for (int j = d - 1; j >= 0; j--) {
                pts[k * d + j] = (rem % g[j]) / (double) (g[j] - 1);
                rem /= g[j];
            }
        }
        double[] pred = new double[total];
        if (stein != null) {
            int q = stein.queriesPerPoint();
            double[] qp = new double[total * q * d];
            for (int k = 0; k < total; k++) stein.queryPoints(pts, k * d, qp, k * q);
            Tensor out = Tensor.real(total * q, 1);
            device.forward(null == theta ? new double[0] : theta, Tensor.wrap(qp, null, total * q, d), out);
            double[] u = pde.form() == null ? out.re : unknownAtNodes(out.re, nodeEnvironments(qp, total * q), total * q);
            for (int k = 0; k < total; k++) pred[k] = pde.scale() * stein.value(u, k * q);
        } else {
            Tensor out = Tensor.real(total, 1);
            device.forward(theta, Tensor.wrap(pts, null, total, d), out);
            for (int k = 0; k < total; k++) pred[k] = pde.scale() * out.re[k];
        }
        double[] exact = new double[total];
        double num = 0, den = 0, max = 0;
        int skipped = 0;
        for (int k = 0; k < total; k++) {
            for (int j = 0; j < d; j++) env[j] = pde.physical(j, pts[k * d + j]);
            pde.define(env);
            exact[k] = pde.solution().eval(env);
            if (!Double.isFinite(exact[k])) {
                skipped++;
                continue;
            }
            double e = pred[k] - exact[k];
            num += e * e;
            den += exact[k] * exact[k];
            max = Math.max(max, Math.abs(e));
        }
        return new Comparison(Math.sqrt(num / den), max, total - skipped, skipped, pts, pred, exact, g.clone());
    }
}
