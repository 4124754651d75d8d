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
 * <p><b>Recording forward / backward.</b> Rows are processed in chunks of {@link #chunkRows} samples (in
 * parallel via {@link RowChunks}); inside a chunk the state is mode-major, one array per mode, and every MZI is
 * applied as its physical steps — phase shifter, coupler, phase shifter, coupler, loss — each a short loop over
 * samples that indexes all its arrays alike, which C2 unrolls and vectorizes (a fused 2×2 complex product per
 * sample exceeds its unroll budget and stays scalar: measured in bench/RESULTS.md). The forward keeps only the
 * final state. The backward walks the layout backwards (ALGORITHMS.md §3) carrying the field and its adjoint
 * through the inverse steps (all steps are unitary up to the loss t, so the field is recovered exactly up to
 * rounding; no per-MZI storage), reading ∂L/∂θ = −Im(w̄₁* w₁) and ∂L/∂φ = −Im(ū₁* u₁) at the shifters. Per-chunk
 * phase gradients are summed in chunk order: bit-identical at a fixed thread count.
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

    // per MZI: cos/sin of the applied φ and θ, of the coupler angles π/4 + δ₁, π/4 + δ₂, and the transmission
    private final double[] cph, sph, cth, sth, k1, q1, k2, q2, tr;
    // per mode: cos/sin of the applied output phases α
    private final double[] ca, sa;
    // the composed matrix, transposed: ut[j][i] = U[i][j] (one array per input mode, so the product's inner loop
    // indexes every array by the same i and vectorizes)
    private final double[][] utr, uti;
    private final double[] appliedBar;
    private final double[] programmedBar;

    /** Reads {@code errors} once: they must not change afterwards (they are an instance's fixed imperfections). */
    MeshKernel(MeshLayout layout, int offset, MeshErrors errors, PhaseMap phaseMap) {
        errors.checkFits(layout);
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
        cph = new double[mzis];
        sph = new double[mzis];
        cth = new double[mzis];
        sth = new double[mzis];
        k1 = new double[mzis];
        q1 = new double[mzis];
        k2 = new double[mzis];
        q2 = new double[mzis];
        tr = errors.transmission().clone();
        for (int m = 0; m < mzis; m++) {
            k1[m] = Math.cos(Math.PI / 4 + errors.delta1()[m]);
            q1[m] = Math.sin(Math.PI / 4 + errors.delta1()[m]);
            k2[m] = Math.cos(Math.PI / 4 + errors.delta2()[m]);
            q2[m] = Math.sin(Math.PI / 4 + errors.delta2()[m]);
        }
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

    /** Brings the phase factors up to date with θ; a no-op when the applied phases did not change. */
    private void refresh(double[] theta) {
        System.arraycopy(theta, offset, programmed, 0, programmed.length);
        phaseMap.apply(programmed, applied);
        double[] off = errors.phaseOffset();
        for (int i = 0; i < applied.length; i++) applied[i] += off[i];
        if (coefValid && java.util.Arrays.equals(applied, key)) return;
        System.arraycopy(applied, 0, key, 0, applied.length);
        for (int m = 0; m < mzis; m++) {
            double th = applied[layout.thetaIndex(m)], ph = applied[layout.phiIndex(m)];
            cth[m] = Math.cos(th);
            sth[m] = Math.sin(th);
            cph[m] = Math.cos(ph);
            sph[m] = Math.sin(ph);
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

    // ------------------------------------------------------------------ the physical steps

    /** (re, im) ← (c + i s)·(re, im) elementwise: a phase shifter e^{ix} with c = cos x, s = sin x. */
    private static void rotate(double[] re, double[] im, int len, double c, double s) {
        for (int b = 0; b < len; b++) {
            double r = re[b], i = im[b];
            re[b] = c * r - s * i;
            im[b] = s * r + c * i;
        }
    }

    /** (a, b) ← [[c, i s], [i s, c]]·(a, b): a coupler B(δ) with c = cos(π/4+δ), s = sin(π/4+δ); s → −s gives B†. */
    private static void couple(double[] ar, double[] ai, double[] br, double[] bi, int len, double c, double s) {
        for (int b = 0; b < len; b++) {
            double xr = ar[b], xi = ai[b], yr = br[b], yi = bi[b];
            ar[b] = c * xr - s * yi;
            ai[b] = c * xi + s * yr;
            br[b] = c * yr - s * xi;
            bi[b] = c * yi + s * xr;
        }
    }

    private static void scale(double[] v, int len, double f) {
        for (int b = 0; b < len; b++) v[b] *= f;
    }

    /** (a, b) ← T_m (a, b) over [0, len). */
    private void mziForward(int m, double[] ar, double[] ai, double[] br, double[] bi, int len) {
        rotate(ar, ai, len, cph[m], sph[m]);
        couple(ar, ai, br, bi, len, k1[m], q1[m]);
        rotate(ar, ai, len, cth[m], sth[m]);
        couple(ar, ai, br, bi, len, k2[m], q2[m]);
        if (tr[m] != 1.0) {
            double t = tr[m];
            scale(ar, len, t);
            scale(ai, len, t);
            scale(br, len, t);
            scale(bi, len, t);
        }
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
        return new Scratch(n, RowChunks.count(maxRows, CHUNK));
    }

    /**
     * Per-tape working memory, per chunk: the mode-major state ({@code sr[k][b]}), and for the backward walk the
     * adjoint, a work copy of the state, per-sample gradient terms and accumulators. Arrays are made on first
     * use at the chunk length in use.
     */
    static final class Scratch {
        final int n;
        final double[][][] sr, si, gr, gi, wr, wi;
        final double[][] tth, tph, partial, accR, accI;
        final int[] length;

        Scratch(int n, int chunks) {
            this.n = n;
            sr = new double[chunks][][];
            si = new double[chunks][][];
            gr = new double[chunks][][];
            gi = new double[chunks][][];
            wr = new double[chunks][][];
            wi = new double[chunks][][];
            tth = new double[chunks][];
            tph = new double[chunks][];
            partial = new double[chunks][];
            accR = new double[chunks][];
            accI = new double[chunks][];
            length = new int[chunks];
        }

        /** Makes the state of chunks [0, chunks) at least {@code cb} long (drops the backward arrays if it grows). */
        void ensureState(int chunks, int cb) {
            for (int c = 0; c < chunks; c++) {
                if (length[c] >= cb) continue;
                sr[c] = new double[n][cb];
                si[c] = new double[n][cb];
                gr[c] = gi[c] = wr[c] = wi[c] = null;
                tth[c] = tph[c] = null;
                length[c] = cb;
            }
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
        RowChunks.forEach(chunks, c -> forwardChunk(c, chunk, rows, x, out, s));
    }

    private void forwardChunk(int c, int chunk, int rows, Tensor x, Tensor out, Scratch s) {
        int r0 = RowChunks.start(c, chunk), cb = RowChunks.end(c, chunk, rows) - r0;
        double[][] sr = s.sr[c], si = s.si[c];
        gather(x, r0, cb, sr, si);
        for (int m = 0; m < mzis; m++) {
            int k = upper[m];
            mziForward(m, sr[k], si[k], sr[k + 1], si[k + 1], cb);
        }
        scatterScreened(sr, si, r0, cb, out);
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
            // walk on a copy so the recorded state survives for further backward passes on this tape
            System.arraycopy(sr[k], 0, wr[k], 0, cb);
            System.arraycopy(si[k], 0, wi[k], 0, cb);
            shifterTerms(wr[k], wi[k], gr[k], gi[k], cb, tth);
            part[layout.alphaIndex(k)] = sum(tth, cb);
        }
        for (int m = mzis - 1; m >= 0; m--) {
            int k = upper[m];
            double[] ar = wr[k], ai = wi[k], br = wr[k + 1], bi = wi[k + 1];
            double[] gar = gr[k], gai = gi[k], gbr = gr[k + 1], gbi = gi[k + 1];
            if (tr[m] != 1.0) {
                // y = t·(…) ⇒ field before the loss y/t, adjoint t·ȳ
                double t = tr[m], inv = 1.0 / t;
                scale(ar, cb, inv);
                scale(ai, cb, inv);
                scale(br, cb, inv);
                scale(bi, cb, inv);
                scale(gar, cb, t);
                scale(gai, cb, t);
                scale(gbr, cb, t);
                scale(gbi, cb, t);
            }
            couple(ar, ai, br, bi, cb, k2[m], -q2[m]);
            couple(gar, gai, gbr, gbi, cb, k2[m], -q2[m]);
            shifterTerms(ar, ai, gar, gai, cb, tth);          // at the θ shifter's output
            rotate(ar, ai, cb, cth[m], -sth[m]);
            rotate(gar, gai, cb, cth[m], -sth[m]);
            couple(ar, ai, br, bi, cb, k1[m], -q1[m]);
            couple(gar, gai, gbr, gbi, cb, k1[m], -q1[m]);
            shifterTerms(ar, ai, gar, gai, cb, tph);          // at the φ shifter's output
            rotate(ar, ai, cb, cph[m], -sph[m]);
            rotate(gar, gai, cb, cph[m], -sph[m]);
            part[layout.thetaIndex(m)] = sum(tth, cb);
            part[layout.phiIndex(m)] = sum(tph, cb);
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

    /** terms[b] = −Im(conj(ū) u): ∂L/∂x per sample for a phase shifter e^{ix} with output u and its adjoint ū. */
    private static void shifterTerms(double[] ur, double[] ui, double[] gr, double[] gi, int cb, double[] terms) {
        for (int b = 0; b < cb; b++) terms[b] = gi[b] * ur[b] - gr[b] * ui[b];
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
            RowChunks.forEach(chunks, c -> forwardChunk(c, chunk, rows, x, out, s));
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
            mziForward(m, ur[k], ui[k], ur[k + 1], ui[k + 1], n);
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
