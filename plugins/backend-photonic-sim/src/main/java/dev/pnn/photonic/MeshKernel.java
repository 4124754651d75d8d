package dev.pnn.photonic;

import dev.pnn.spi.exec.InferenceKernel;
import dev.pnn.spi.exec.RowChunks;
import dev.pnn.spi.exec.Tensor;

/**
 * An N-mode MZI mesh (Clements or Reck, by {@link MeshLayout}) plus its output phase screen, on a batch of fields.
 *
 * <p>Every MZI is T = t·B(δ₂)·P(θ')·B(δ₁)·P(φ') (ALGORITHMS.md §2.1) with the applied phases θ' = map(θ) + e_θ,
 * φ' = map(φ) + e_φ and the splitter errors and transmission of {@link MeshErrors}; U = D(α')·G_{M−1}⋯G₀. The
 * ideal device is the special case of zero errors, so the noisy one needs no other code path.
 *
 * <p><b>Recording forward / backward.</b> Rows are processed in fixed chunks of {@link #CHUNK} samples (in
 * parallel via {@link RowChunks}); inside a chunk the state is mode-major ({@code state[k·rows + b]}) so every
 * MZI is one vectorizable loop over samples. The forward keeps the final state; the backward walks the layout
 * backwards (ALGORITHMS.md §3), recovering each MZI's input by its inverse (or reading it from storage, see
 * {@link #RECONSTRUCT}), and accumulates per-chunk phase gradients that are summed in chunk order, so results
 * are bit-identical for any thread count.
 *
 * <p><b>Inference.</b> {@link #infer} composes the mesh into one N×N matrix and applies it as a batched complex
 * matrix product. The matrix is cached and recomposed whenever the applied phases differ from those it was built
 * from (a full comparison, so time-varying phase maps and in-place changes of θ are both caught). A batch of
 * fewer than 2N rows on phases not seen before goes MZI by MZI instead, since composing would cost more; the
 * second call on the same phases composes.
 *
 * <p>Not thread-safe across calls (the device using it is not); chunks of one call run concurrently.
 */
final class MeshKernel implements InferenceKernel {
    /** Smallest number of rows per chunk; see {@link #chunkRows}. */
    static final int CHUNK = 32;
    /** Largest number of rows per chunk: longer loops vectorize better, until the chunk state leaves L2. */
    static final int MAX_CHUNK = 128;
    /**
     * How the backward pass gets each MZI's input: {@code true} (default) reconstructs them during the backward
     * walk by applying the inverse MZI T⁻¹ = T†/t² to its output; {@code false} stores the two input rows of every
     * MZI during the forward pass (4·M·rows doubles per tape: 66 MB at 64 modes and 1,024 rows). Measured on the
     * sample network (bench/RESULTS.md): reconstructing takes about 20% less CPU per epoch and needs no storage;
     * both agree within 1e-12 (MeshBackwardProperties). {@code -Dpnn.mesh.reconstruct=false} switches for
     * benchmarking; it changes results at rounding level only.
     */
    static final boolean RECONSTRUCT = Boolean.parseBoolean(System.getProperty("pnn.mesh.reconstruct", "true"));
    private final boolean reconstruct;

    private final MeshLayout layout;
    private final int offset;
    private final MeshErrors errors;
    private final PhaseMap phaseMap;
    private final int n;
    private final int mzis;
    private final int[] upper;

    private final double[] programmed;
    private final double[] applied;
    private final double[] key;
    private boolean coefValid;
    private boolean composedValid;
    /** Inference calls since the applied phases last changed (decides when composing pays off). */
    private int callsSinceChange;

    // per MZI: the transfer matrix T and the output coupler (c₂ = cos(π/4+δ₂), s₂ = sin(π/4+δ₂)) for the backward walk
    private final double[] t00r, t00i, t01r, t01i, t10r, t10i, t11r, t11i;
    private final double[] c2, s2;
    // per MZI: T⁻¹ = T†/t² (for reconstructing inputs in the backward walk)
    private final double[] v00r, v00i, v01r, v01i, v10r, v10i, v11r, v11i;
    private final double[] ca, sa;
    // the composed matrix, transposed: ut[j][i] = U[i][j] (one array per input mode, so the product's inner loop
    // indexes every array by the same i and vectorizes)
    private final double[][] utr, uti;
    private final double[] appliedBar;
    private final double[] programmedBar;

    MeshKernel(MeshLayout layout, int offset, MeshErrors errors, PhaseMap phaseMap) {
        this(layout, offset, errors, phaseMap, RECONSTRUCT);
    }

    /** @param reconstruct see {@link #RECONSTRUCT} */
    MeshKernel(MeshLayout layout, int offset, MeshErrors errors, PhaseMap phaseMap, boolean reconstruct) {
        errors.checkFits(layout);
        this.reconstruct = reconstruct;
        this.layout = layout;
        this.offset = offset;
        this.errors = errors;
        this.phaseMap = phaseMap;
        this.n = layout.modes();
        this.mzis = layout.mzis();
        this.upper = layout.upper().clone();
        int p = layout.params();
        programmed = new double[p];
        applied = new double[p];
        key = new double[p];
        appliedBar = new double[p];
        programmedBar = new double[p];
        t00r = new double[mzis]; t00i = new double[mzis]; t01r = new double[mzis]; t01i = new double[mzis];
        t10r = new double[mzis]; t10i = new double[mzis]; t11r = new double[mzis]; t11i = new double[mzis];
        c2 = new double[mzis];
        s2 = new double[mzis];
        v00r = new double[mzis]; v00i = new double[mzis]; v01r = new double[mzis]; v01i = new double[mzis];
        v10r = new double[mzis]; v10i = new double[mzis]; v11r = new double[mzis]; v11i = new double[mzis];
        ca = new double[n];
        sa = new double[n];
        utr = new double[n][n];
        uti = new double[n][n];
    }

    static MeshKernel ideal(MeshLayout layout, int offset) {
        return new MeshKernel(layout, offset, MeshErrors.ideal(layout), PhaseMap.IDENTITY);
    }

    MeshLayout layout() {
        return layout;
    }

    // ------------------------------------------------------------------ coefficients

    /** Brings the per-MZI coefficients up to date with θ; a no-op when the applied phases did not change. */
    private void refresh(double[] theta) {
        System.arraycopy(theta, offset, programmed, 0, programmed.length);
        phaseMap.apply(programmed, applied);
        double[] off = errors.phaseOffset();
        for (int i = 0; i < applied.length; i++) applied[i] += off[i];
        if (coefValid && java.util.Arrays.equals(applied, key)) return;
        System.arraycopy(applied, 0, key, 0, applied.length);
        for (int m = 0; m < mzis; m++) {
            double th = applied[2 * m], ph = applied[2 * m + 1];
            double ct = Math.cos(th), st = Math.sin(th), cp = Math.cos(ph), sp = Math.sin(ph);
            double a1 = Math.PI / 4 + errors.delta1()[m], a2 = Math.PI / 4 + errors.delta2()[m];
            double k1 = Math.cos(a1), q1 = Math.sin(a1), k2 = Math.cos(a2), q2 = Math.sin(a2);
            double t = errors.transmission()[m];
            c2[m] = k2;
            s2[m] = q2;
            double etpR = ct * cp - st * sp, etpI = st * cp + ct * sp;         // e^{i(θ+φ)}
            double cc = k1 * k2, ss = q1 * q2;
            // T00 = c1c2 e^{i(θ+φ)} − s1s2 e^{iφ}
            t00r[m] = t * (cc * etpR - ss * cp);
            t00i[m] = t * (cc * etpI - ss * sp);
            // T01 = i (s1c2 e^{iθ} + c1s2)
            double qR = q1 * k2 * ct + k1 * q2, qI = q1 * k2 * st;
            t01r[m] = -t * qI;
            t01i[m] = t * qR;
            // T10 = i (c1s2 e^{i(θ+φ)} + s1c2 e^{iφ})
            double rR = k1 * q2 * etpR + q1 * k2 * cp, rI = k1 * q2 * etpI + q1 * k2 * sp;
            t10r[m] = -t * rI;
            t10i[m] = t * rR;
            // T11 = c1c2 − s1s2 e^{iθ}
            t11r[m] = t * (cc - ss * ct);
            t11i[m] = -t * ss * st;
            double t2 = t * t;
            v00r[m] = t00r[m] / t2; v00i[m] = -t00i[m] / t2;
            v01r[m] = t10r[m] / t2; v01i[m] = -t10i[m] / t2;
            v10r[m] = t01r[m] / t2; v10i[m] = -t01i[m] / t2;
            v11r[m] = t11r[m] / t2; v11i[m] = -t11i[m] / t2;
        }
        for (int k = 0; k < n; k++) {
            double al = applied[layout.alphaIndex(k)];
            ca[k] = Math.cos(al);
            sa[k] = Math.sin(al);
        }
        coefValid = true;
        composedValid = false;
        callsSinceChange = 0;
    }

    // ------------------------------------------------------------------ chunks and scratch

    /**
     * Rows per chunk for a batch: the batch split evenly over the pool's threads, kept within [{@value #CHUNK},
     * {@value #MAX_CHUNK}]. Depends only on the row count and the (fixed) thread count, so results are
     * bit-identical at a fixed thread count.
     */
    static int chunkRows(int rows) {
        int perThread = (rows + RowChunks.threads() - 1) / RowChunks.threads();
        return Math.max(CHUNK, Math.min(MAX_CHUNK, perThread));
    }

    @Override
    public Object newScratch(int maxRows) {
        return new Scratch(n, mzis, RowChunks.count(maxRows, CHUNK));
    }

    /**
     * Per-tape working memory, per chunk: the mode-major state ({@code sr[k][b]}: one array per mode, so each
     * MZI is a loop over samples that indexes all its arrays by the same b and vectorizes), its gradient, a work
     * copy for reconstruction, stored MZI inputs (store mode only) and accumulators. Arrays are made on first use
     * at the chunk length in use.
     */
    static final class Scratch {
        final int n, mzis;
        final double[][][] sr, si, gr, gi, wr, wi, store;
        final double[][] tth, tph, partial, accR, accI;
        final int[] length;

        Scratch(int n, int mzis, int chunks) {
            this.n = n;
            this.mzis = mzis;
            sr = new double[chunks][][];
            si = new double[chunks][][];
            gr = new double[chunks][][];
            gi = new double[chunks][][];
            wr = new double[chunks][][];
            wi = new double[chunks][][];
            store = new double[chunks][][];
            tth = new double[chunks][];
            tph = new double[chunks][];
            partial = new double[chunks][];
            accR = new double[chunks][];
            accI = new double[chunks][];
            length = new int[chunks];
        }

        /** Makes the state of chunks [0, chunks) at least {@code cb} long (drops gradients and stores if it grows). */
        void ensureState(int chunks, int cb) {
            for (int c = 0; c < chunks; c++) {
                if (length[c] >= cb) continue;
                sr[c] = new double[n][cb];
                si[c] = new double[n][cb];
                gr[c] = gi[c] = wr[c] = wi[c] = store[c] = null;
                tth[c] = tph[c] = null;
                length[c] = cb;
            }
        }

        void ensureStore(int chunks) {
            for (int c = 0; c < chunks; c++) if (store[c] == null) store[c] = new double[4 * mzis][length[c]];
        }

        void ensureGrad(int chunks) {
            for (int c = 0; c < chunks; c++) {
                if (gr[c] != null) continue;
                gr[c] = new double[n][length[c]];
                gi[c] = new double[n][length[c]];
                wr[c] = new double[n][length[c]];
                wi[c] = new double[n][length[c]];
                tth[c] = new double[length[c]];
                tph[c] = new double[length[c]];
                if (partial[c] == null) partial[c] = new double[n * n];
            }
        }

        void ensureAccumulators(int chunks) {
            for (int c = 0; c < chunks; c++)
                if (accR[c] == null) {
                    accR[c] = new double[n];
                    accI[c] = new double[n];
                }
        }
    }

    // ------------------------------------------------------------------ recording forward

    @Override
    public void forward(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        refresh(theta);
        Scratch s = (Scratch) scratch;
        int chunk = chunkRows(rows), chunks = RowChunks.count(rows, chunk);
        s.ensureState(chunks, chunk);
        if (!reconstruct) s.ensureStore(chunks);
        RowChunks.forEach(chunks, c -> forwardChunk(c, chunk, rows, x, out, s, true));
    }

    /** MZI by MZI; {@code record} keeps each MZI's inputs when the kernel stores them for backward. */
    private void forwardChunk(int c, int chunk, int rows, Tensor x, Tensor out, Scratch s, boolean record) {
        int r0 = RowChunks.start(c, chunk), cb = RowChunks.end(c, chunk, rows) - r0;
        double[][] sr = s.sr[c], si = s.si[c];
        gather(x, r0, cb, sr, si);
        boolean keep = record && !reconstruct;
        double[][] st = s.store[c];
        for (int m = 0; m < mzis; m++) {
            int k = upper[m];
            if (keep) {
                System.arraycopy(sr[k], 0, st[4 * m], 0, cb);
                System.arraycopy(si[k], 0, st[4 * m + 1], 0, cb);
                System.arraycopy(sr[k + 1], 0, st[4 * m + 2], 0, cb);
                System.arraycopy(si[k + 1], 0, st[4 * m + 3], 0, cb);
            }
            applyMzi(sr[k], si[k], sr[k + 1], si[k + 1], cb,
                    t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
        }
        scatterScreened(sr, si, r0, cb, out);
    }

    /** (a, b) ← T (a, b) elementwise over [0, len), T given by its four complex entries. */
    private static void applyMzi(double[] ar, double[] ai, double[] br, double[] bi, int len,
                                 double a00r, double a00i, double a01r, double a01i,
                                 double a10r, double a10i, double a11r, double a11i) {
        for (int b = 0; b < len; b++) {
            double xr = ar[b], xi = ai[b], yr = br[b], yi = bi[b];
            ar[b] = a00r * xr - a00i * xi + a01r * yr - a01i * yi;
            ai[b] = a00r * xi + a00i * xr + a01r * yi + a01i * yr;
            br[b] = a10r * xr - a10i * xi + a11r * yr - a11i * yi;
            bi[b] = a10r * xi + a10i * xr + a11r * yi + a11i * yr;
        }
    }

    /** Row-major rows [r0, r0+cb) of {@code x} into the mode-major chunk state. */
    private void gather(Tensor x, int r0, int cb, double[][] sr, double[][] si) {
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                sr[k][b] = x.re[row + k];
                si[k][b] = x.im == null ? 0.0 : x.im[row + k];
            }
        }
    }

    private void scatterScreened(double[][] sr, double[][] si, int r0, int cb, Tensor out) {
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                double zr = sr[k][b], zi = si[k][b];
                out.re[row + k] = ca[k] * zr - sa[k] * zi;
                out.im[row + k] = sa[k] * zr + ca[k] * zi;
            }
        }
    }

    // ------------------------------------------------------------------ backward

    @Override
    public void backward(double[] theta, Tensor[] in, Tensor out, Tensor outGrad, Tensor[] inGrad, double[] thetaGrad,
                         Object scratch) {
        int rows = outGrad.rows();
        refresh(theta);
        Scratch s = (Scratch) scratch;
        int chunk = chunkRows(rows), chunks = RowChunks.count(rows, chunk);
        s.ensureGrad(chunks);
        Tensor xg = inGrad.length > 0 ? inGrad[0] : null;
        RowChunks.forEach(chunks, c -> backwardChunk(c, chunk, rows, outGrad, xg, s));
        java.util.Arrays.fill(appliedBar, 0.0);
        for (int c = 0; c < chunks; c++) {
            double[] p = s.partial[c];
            for (int i = 0; i < appliedBar.length; i++) appliedBar[i] += p[i];
        }
        double[] bar = appliedBar;
        if (!phaseMap.isIdentity()) {
            phaseMap.pullBack(programmed, appliedBar, programmedBar);
            bar = programmedBar;
        }
        for (int i = 0; i < bar.length; i++) thetaGrad[offset + i] += bar[i];
    }

    private void backwardChunk(int c, int chunk, int rows, Tensor outGrad, Tensor xg, Scratch s) {
        int r0 = RowChunks.start(c, chunk), cb = RowChunks.end(c, chunk, rows) - r0;
        double[][] sr = s.sr[c], si = s.si[c], gr = s.gr[c], gi = s.gi[c], wr = s.wr[c], wi = s.wi[c];
        double[][] st = s.store[c];
        double[] tth = s.tth[c], tph = s.tph[c], part = s.partial[c];
        // output screen: z̄ = e^{−iα} ȳ, ∂L/∂α = −Im(conj(z̄) z), z the pre-screen state the forward left behind
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                double yr = outGrad.re[row + k], yi = outGrad.im == null ? 0.0 : outGrad.im[row + k];
                gr[k][b] = ca[k] * yr + sa[k] * yi;
                gi[k][b] = ca[k] * yi - sa[k] * yr;
            }
        }
        for (int k = 0; k < n; k++) {
            double acc = 0;
            double[] zr = sr[k], zi = si[k], g1 = gr[k], g2 = gi[k];
            for (int b = 0; b < cb; b++) acc -= g1[b] * zi[b] - g2[b] * zr[b];
            part[2 * mzis + k] = acc;
        }
        if (reconstruct) {
            // walk on a copy so the recorded state survives for further backward passes on this tape
            for (int k = 0; k < n; k++) {
                System.arraycopy(sr[k], 0, wr[k], 0, cb);
                System.arraycopy(si[k], 0, wi[k], 0, cb);
            }
        }
        for (int m = mzis - 1; m >= 0; m--) {
            int k = upper[m];
            double[] w1r = wr[k], w1i = wi[k], w2r = wr[k + 1], w2i = wi[k + 1];
            double[] g1r = gr[k], g1i = gi[k], g2r = gr[k + 1], g2i = gi[k + 1];
            if (!reconstruct) {
                // the work rows get this MZI's output y = T x from its stored input
                System.arraycopy(st[4 * m], 0, w1r, 0, cb);
                System.arraycopy(st[4 * m + 1], 0, w1i, 0, cb);
                System.arraycopy(st[4 * m + 2], 0, w2r, 0, cb);
                System.arraycopy(st[4 * m + 3], 0, w2i, 0, cb);
                applyMzi(w1r, w1i, w2r, w2i, cb, t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
            }
            thetaTerms(w1r, w1i, w2r, w2i, g1r, g1i, g2r, g2i, cb, tth, c2[m], s2[m]);
            if (reconstruct) {
                // y → x = T⁻¹ y, in place
                applyMzi(w1r, w1i, w2r, w2i, cb, v00r[m], v00i[m], v01r[m], v01i[m], v10r[m], v10i[m], v11r[m], v11i[m]);
            } else {
                w1r = st[4 * m];
                w1i = st[4 * m + 1];
            }
            // ȳ → x̄ = T† ȳ, in place
            applyMzi(g1r, g1i, g2r, g2i, cb, t00r[m], -t00i[m], t10r[m], -t10i[m], t01r[m], -t01i[m], t11r[m], -t11i[m]);
            phiTerms(w1r, w1i, g1r, g1i, cb, tph);
            part[2 * m] = sum(tth, cb);
            part[2 * m + 1] = sum(tph, cb);
        }
        if (xg != null) {
            for (int b = 0; b < cb; b++) {
                int row = (r0 + b) * n;
                for (int k = 0; k < n; k++) {
                    xg.re[row + k] = gr[k][b];
                    if (xg.im != null) xg.im[row + k] = gi[k][b];
                }
            }
        }
    }

    /*
     * One MZI backwards (ALGORITHMS.md §1, §3), with y = T x and T = t·B(δ₂)·P(θ)·B(δ₁)·P(φ):
     *   x̄ = T† ȳ;
     *   ∂L/∂φ = −Im(conj(x̄₁) x₁)   (φ acts first, on x₁);
     *   ∂L/∂θ = −Im(conj(q) p) with p = (B(δ₂)† y)₁, q = (B(δ₂)† ȳ)₁: the field right after the θ shifter is p/t
     *   and its adjoint t·q, so t cancels.
     * It is written as small loops (two 2×2 applications and two per-sample products) rather than one fused
     * loop: C2 vectorizes only loops it can unroll, and a fused body exceeds its unroll budget.
     */

    /** tth[b] = −Im(conj(q) p), p = c₂y₁ − i s₂y₂, q = c₂ȳ₁ − i s₂ȳ₂. */
    private static void thetaTerms(double[] y1r, double[] y1i, double[] y2r, double[] y2i, double[] g1r,
                                   double[] g1i, double[] g2r, double[] g2i, int cb, double[] tth, double k2,
                                   double q2) {
        for (int b = 0; b < cb; b++) {
            double pr = k2 * y1r[b] + q2 * y2i[b], pi = k2 * y1i[b] - q2 * y2r[b];
            double qr = k2 * g1r[b] + q2 * g2i[b], qi = k2 * g1i[b] - q2 * g2r[b];
            tth[b] = qi * pr - qr * pi;
        }
    }

    /**
     * Σ v[0..len) with eight partial sums combined in a fixed order: a single running sum waits on the adder's
     * latency at every term, and these sums run once per MZI. Deterministic (does not depend on threads).
     */
    static double sum(double[] v, int len) {
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int b = 0;
        for (; b + 8 <= len; b += 8) {
            s0 += v[b];
            s1 += v[b + 1];
            s2 += v[b + 2];
            s3 += v[b + 3];
            s4 += v[b + 4];
            s5 += v[b + 5];
            s6 += v[b + 6];
            s7 += v[b + 7];
        }
        for (; b < len; b++) s0 += v[b];
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /** tph[b] = −Im(conj(x̄₁) x₁). */
    private static void phiTerms(double[] x1r, double[] x1i, double[] a1r, double[] a1i, int cb, double[] tph) {
        for (int b = 0; b < cb; b++) tph[b] = a1i[b] * x1r[b] - a1r[b] * x1i[b];
    }

    // ------------------------------------------------------------------ inference via the composed matrix

    @Override
    public void infer(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        refresh(theta);
        Scratch s = (Scratch) scratch;
        int chunk = chunkRows(rows), chunks = RowChunks.count(rows, chunk);
        if (!composedValid && rows < 2 * n && callsSinceChange++ == 0) {
            // composing costs about as much as pushing n rows through the MZIs, and the product then takes about
            // half a walk per row: for fewer than 2n rows on phases that just changed (zeroth-order trainers
            // perturb θ every call) the direct walk is cheaper
            s.ensureState(chunks, chunk);
            RowChunks.forEach(chunks, c -> forwardChunk(c, chunk, rows, x, out, s, false));
            return;
        }
        if (!composedValid) compose();
        s.ensureAccumulators(chunks);
        RowChunks.forEach(chunks, c -> multiply(x, out, RowChunks.start(c, chunk), RowChunks.end(c, chunk, rows),
                s.accR[c], s.accI[c]));
    }

    /** U = D(α)·G_{M−1}⋯G₀, built by applying each MZI to the rows of the identity; kept transposed. */
    private void compose() {
        double[][] ur = new double[n][n], ui = new double[n][n];
        for (int i = 0; i < n; i++) ur[i][i] = 1;
        for (int m = 0; m < mzis; m++) {
            int k = upper[m];
            applyMzi(ur[k], ui[k], ur[k + 1], ui[k + 1], n,
                    t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
        }
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double zr = ur[i][j], zi = ui[i][j];
                utr[j][i] = ca[i] * zr - sa[i] * zi;
                uti[j][i] = sa[i] * zr + ca[i] * zi;
            }
        composedValid = true;
    }

    /**
     * y_r = U x_r for rows [r0, r1): accumulates Σ_j U[·][j]·x_j in (accR, accI) with loops that index every
     * array by the same i (vectorizable), then copies the row out. Rows whose imaginary part is all zero
     * (amplitude-modulated inputs) take half the multiply–adds.
     */
    private void multiply(Tensor x, Tensor out, int r0, int r1, double[] accR, double[] accI) {
        double[] xr = x.re, xi = x.im;
        for (int r = r0; r < r1; r++) {
            int row = r * n;
            java.util.Arrays.fill(accR, 0.0);
            java.util.Arrays.fill(accI, 0.0);
            if (xi == null || isZero(xi, row, n)) {
                for (int j = 0; j < n; j++) {
                    double a = xr[row + j];
                    double[] pr = utr[j], pi = uti[j];
                    for (int i = 0; i < n; i++) {
                        accR[i] += pr[i] * a;
                        accI[i] += pi[i] * a;
                    }
                }
            } else {
                for (int j = 0; j < n; j++) {
                    double a = xr[row + j], b = xi[row + j];
                    double[] pr = utr[j], pi = uti[j];
                    for (int i = 0; i < n; i++) {
                        accR[i] += pr[i] * a - pi[i] * b;
                        accI[i] += pr[i] * b + pi[i] * a;
                    }
                }
            }
            System.arraycopy(accR, 0, out.re, row, n);
            System.arraycopy(accI, 0, out.im, row, n);
        }
    }

    private static boolean isZero(double[] v, int from, int len) {
        for (int i = from; i < from + len; i++) if (v[i] != 0.0) return false;
        return true;
    }

    /** The applied unitary U (row-major re, im) for θ; for tests and diagnostics. */
    double[][] matrix(double[] theta) {
        refresh(theta);
        if (!composedValid) compose();
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                re[i * n + j] = utr[j][i];
                im[i * n + j] = uti[j][i];
            }
        return new double[][]{re, im};
    }
}
