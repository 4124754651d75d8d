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
 * MZI is one vectorizable loop over samples. The forward stores each MZI's two input rows; the backward walks
 * the layout backwards (ALGORITHMS.md §3) and accumulates per-chunk phase gradients that are summed in chunk
 * order, so results are bit-identical for any thread count.
 *
 * <p><b>Inference.</b> {@link #infer} composes the mesh into one N×N matrix and applies it as a batched complex
 * matrix product. The matrix is cached and recomposed whenever the applied phases differ from those it was built
 * from (a full comparison, so time-varying phase maps and in-place changes of θ are both caught).
 *
 * <p>Not thread-safe across calls (the device using it is not); chunks of one call run concurrently.
 */
final class MeshKernel implements InferenceKernel {
    static final int CHUNK = Integer.getInteger("pnn.mesh.chunk", 32);
    /**
     * How the backward pass gets each MZI's input: {@code false} stores the two input rows of every MZI during
     * the forward pass; {@code true} reconstructs them during the backward walk by applying the inverse MZI
     * T⁻¹ = T†/t² to its output (no per-MZI storage). Default for new kernels; {@code -Dpnn.mesh.reconstruct}.
     */
    static final boolean RECONSTRUCT = Boolean.parseBoolean(System.getProperty("pnn.mesh.reconstruct", "false"));
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

    // per MZI: the transfer matrix (forward) and the factors the backward walk needs
    private final double[] t00r, t00i, t01r, t01i, t10r, t10i, t11r, t11i;
    private final double[] cth, sth, cph, sph, c1, s1, c2, s2, tr;
    // per MZI: T⁻¹ = T†/t² (for reconstructing inputs in the backward walk)
    private final double[] v00r, v00i, v01r, v01i, v10r, v10i, v11r, v11i;
    private final double[] ca, sa;
    // the composed matrix, transposed: ut[j·n + i] = U[i][j]
    private final double[] utr, uti;
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
        cth = new double[mzis]; sth = new double[mzis]; cph = new double[mzis]; sph = new double[mzis];
        c1 = new double[mzis]; s1 = new double[mzis]; c2 = new double[mzis]; s2 = new double[mzis];
        tr = new double[mzis];
        v00r = new double[mzis]; v00i = new double[mzis]; v01r = new double[mzis]; v01i = new double[mzis];
        v10r = new double[mzis]; v10i = new double[mzis]; v11r = new double[mzis]; v11i = new double[mzis];
        ca = new double[n];
        sa = new double[n];
        utr = new double[n * n];
        uti = new double[n * n];
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
            cth[m] = ct; sth[m] = st; cph[m] = cp; sph[m] = sp;
            c1[m] = k1; s1[m] = q1; c2[m] = k2; s2[m] = q2; tr[m] = t;
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
    }

    // ------------------------------------------------------------------ scratch

    @Override
    public Object newScratch(int maxRows) {
        return new Scratch(n, mzis, RowChunks.count(maxRows, CHUNK));
    }

    /** Per-tape working memory: per chunk a mode-major state, its gradient and the stored MZI inputs. */
    static final class Scratch {
        final double[][] sr, si, gr, gi, wr, wi, store, tth, tph, partial;
        private final int mzis;

        Scratch(int n, int mzis, int chunks) {
            this.mzis = mzis;
            sr = new double[chunks][n * CHUNK];
            si = new double[chunks][n * CHUNK];
            gr = new double[chunks][];
            gi = new double[chunks][];
            wr = new double[chunks][];
            wi = new double[chunks][];
            store = new double[chunks][];
            tth = new double[chunks][];
            tph = new double[chunks][];
            partial = new double[chunks][];
        }

        void ensureStore(int chunks) {
            for (int c = 0; c < chunks; c++) if (store[c] == null) store[c] = new double[4 * mzis * CHUNK];
        }

        void ensureGrad(int chunks, int n) {
            for (int c = 0; c < chunks; c++) {
                if (gr[c] != null) continue;
                gr[c] = new double[n * CHUNK];
                gi[c] = new double[n * CHUNK];
                wr[c] = new double[n * CHUNK];
                wi[c] = new double[n * CHUNK];
                tth[c] = new double[CHUNK];
                tph[c] = new double[CHUNK];
                partial[c] = new double[n * n];
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
        int chunks = RowChunks.count(rows, CHUNK);
        if (!reconstruct) s.ensureStore(chunks);
        RowChunks.forEach(chunks, c -> forwardChunk(c, rows, x, out, s));
    }

    private void forwardChunk(int c, int rows, Tensor x, Tensor out, Scratch s) {
        int r0 = RowChunks.start(c, CHUNK), r1 = RowChunks.end(c, CHUNK, rows), cb = r1 - r0;
        double[] sr = s.sr[c], si = s.si[c], st = s.store[c];
        gather(x, r0, cb, sr, si);
        for (int m = 0; m < mzis; m++) {
            int ka = upper[m] * cb, kb = ka + cb, base = 4 * m * cb;
            if (reconstruct) {
                applyMzi(sr, si, ka, kb, cb, t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
                continue;
            }
            System.arraycopy(sr, ka, st, base, cb);
            System.arraycopy(si, ka, st, base + cb, cb);
            System.arraycopy(sr, kb, st, base + 2 * cb, cb);
            System.arraycopy(si, kb, st, base + 3 * cb, cb);
            applyMzi(sr, si, ka, kb, cb, t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
        }
        scatterScreened(sr, si, r0, cb, out);
    }

    private static void applyMzi(double[] sr, double[] si, int ka, int kb, int cb, double a00r, double a00i,
                                 double a01r, double a01i, double a10r, double a10i, double a11r, double a11i) {
        for (int b = 0; b < cb; b++) {
            double ar = sr[ka + b], ai = si[ka + b], br = sr[kb + b], bi = si[kb + b];
            sr[ka + b] = a00r * ar - a00i * ai + a01r * br - a01i * bi;
            si[ka + b] = a00r * ai + a00i * ar + a01r * bi + a01i * br;
            sr[kb + b] = a10r * ar - a10i * ai + a11r * br - a11i * bi;
            si[kb + b] = a10r * ai + a10i * ar + a11r * bi + a11i * br;
        }
    }

    /** Row-major rows [r0, r0+cb) of {@code x} into the mode-major chunk state. */
    private void gather(Tensor x, int r0, int cb, double[] sr, double[] si) {
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                sr[k * cb + b] = x.re[row + k];
                si[k * cb + b] = x.im == null ? 0.0 : x.im[row + k];
            }
        }
    }

    private void scatterScreened(double[] sr, double[] si, int r0, int cb, Tensor out) {
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                double zr = sr[k * cb + b], zi = si[k * cb + b];
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
        int chunks = RowChunks.count(rows, CHUNK);
        s.ensureGrad(chunks, n);
        Tensor xg = inGrad.length > 0 ? inGrad[0] : null;
        RowChunks.forEach(chunks, c -> backwardChunk(c, rows, outGrad, xg, s));
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

    private void backwardChunk(int c, int rows, Tensor outGrad, Tensor xg, Scratch s) {
        int r0 = RowChunks.start(c, CHUNK), r1 = RowChunks.end(c, CHUNK, rows), cb = r1 - r0;
        double[] sr = s.sr[c], si = s.si[c], gr = s.gr[c], gi = s.gi[c], st = s.store[c];
        double[] tth = s.tth[c], tph = s.tph[c], part = s.partial[c];
        double[] wr = s.wr[c], wi = s.wi[c];
        if (reconstruct) {
            // walk on a copy so the recorded state survives for further backward passes on this tape
            System.arraycopy(sr, 0, wr, 0, n * cb);
            System.arraycopy(si, 0, wi, 0, n * cb);
        }
        // output screen: z̄ = e^{−iα} ȳ, ∂L/∂α = −Im(conj(z̄) z), z the pre-screen state the forward left behind
        for (int b = 0; b < cb; b++) {
            int row = (r0 + b) * n;
            for (int k = 0; k < n; k++) {
                double yr = outGrad.re[row + k], yi = outGrad.im == null ? 0.0 : outGrad.im[row + k];
                gr[k * cb + b] = ca[k] * yr + sa[k] * yi;
                gi[k * cb + b] = ca[k] * yi - sa[k] * yr;
            }
        }
        for (int k = 0; k < n; k++) {
            double acc = 0;
            for (int b = 0; b < cb; b++) {
                int i = k * cb + b;
                acc -= gr[i] * si[i] - gi[i] * sr[i];
            }
            part[2 * mzis + k] = acc;
        }
        for (int m = mzis - 1; m >= 0; m--) {
            int ka = upper[m] * cb, kb = ka + cb, base = 4 * m * cb;
            if (reconstruct) {
                // the work rows hold this MZI's output; turn them back into its input
                applyMzi(wr, wi, ka, kb, cb, v00r[m], v00i[m], v01r[m], v01i[m], v10r[m], v10i[m], v11r[m], v11i[m]);
                mziBackward(gr, gi, wr, ka, wi, ka, wr, kb, wi, kb, ka, kb, cb, tth, tph, cth[m], sth[m], cph[m],
                        sph[m], c1[m], s1[m], c2[m], s2[m], tr[m]);
            } else {
                mziBackward(gr, gi, st, base, st, base + cb, st, base + 2 * cb, st, base + 3 * cb, ka, kb, cb, tth, tph,
                        cth[m], sth[m], cph[m], sph[m], c1[m], s1[m], c2[m], s2[m], tr[m]);
            }
            double gt = 0, gp = 0;
            for (int b = 0; b < cb; b++) {
                gt += tth[b];
                gp += tph[b];
            }
            part[2 * m] = gt;
            part[2 * m + 1] = gp;
        }
        if (xg != null) {
            for (int b = 0; b < cb; b++) {
                int row = (r0 + b) * n;
                for (int k = 0; k < n; k++) {
                    xg.re[row + k] = gr[k * cb + b];
                    if (xg.im != null) xg.im[row + k] = gi[k * cb + b];
                }
            }
        }
    }

    /**
     * One MZI backwards for a chunk (ALGORITHMS.md §1, §3): from ȳ in rows ka, kb of the gradient and the MZI's
     * inputs (a, b) (stored, or reconstructed; given as array and offset of each of Re a, Im a, Re b, Im b),
     * writes (ā, b̄) in place and the per-sample ∂L/∂θ', ∂L/∂φ' into tth, tph.
     */
    private static void mziBackward(double[] gr, double[] gi, double[] xar, int oar, double[] xai, int oai,
                                    double[] xbr, int obr, double[] xbi, int obi, int ka, int kb, int cb,
                                    double[] tth, double[] tph, double ct, double sT, double cp, double sp,
                                    double k1, double q1, double k2, double q2, double t) {
        for (int b = 0; b < cb; b++) {
            double ar = xar[oar + b], ai = xai[oai + b], br = xbr[obr + b], bi = xbi[obi + b];
            double y1r = t * gr[ka + b], y1i = t * gi[ka + b], y2r = t * gr[kb + b], y2i = t * gi[kb + b];
            // forward to the internal shifter: u1 = e^{iφ} a, v1 = c1 u1 + i s1 b
            double u1r = cp * ar - sp * ai, u1i = sp * ar + cp * ai;
            double v1r = k1 * u1r - q1 * bi, v1i = k1 * u1i + q1 * br;
            // w̄ = B(δ₂)† ȳ
            double w1r = k2 * y1r + q2 * y2i, w1i = k2 * y1i - q2 * y2r;
            double w2r = q2 * y1i + k2 * y2r, w2i = -q2 * y1r + k2 * y2i;
            // v̄1 = e^{−iθ} w̄1; ∂L/∂θ = −Im(conj(v̄1) v1)
            double vb1r = ct * w1r + sT * w1i, vb1i = ct * w1i - sT * w1r;
            tth[b] = -(vb1r * v1i - vb1i * v1r);
            // ū = B(δ₁)† v̄
            double ub1r = k1 * vb1r + q1 * w2i, ub1i = k1 * vb1i - q1 * w2r;
            double ub2r = q1 * vb1i + k1 * w2r, ub2i = -q1 * vb1r + k1 * w2i;
            // ā = e^{−iφ} ū1; ∂L/∂φ = −Im(conj(ā) a)
            double abr = cp * ub1r + sp * ub1i, abi = cp * ub1i - sp * ub1r;
            tph[b] = -(abr * ai - abi * ar);
            gr[ka + b] = abr;
            gi[ka + b] = abi;
            gr[kb + b] = ub2r;
            gi[kb + b] = ub2i;
        }
    }

    // ------------------------------------------------------------------ inference via the composed matrix

    @Override
    public void infer(double[] theta, Tensor[] in, Tensor out, Object scratch) {
        Tensor x = in[0];
        int rows = x.rows();
        refresh(theta);
        if (!composedValid) compose();
        RowChunks.forEach(RowChunks.count(rows, CHUNK), c -> multiply(x, out, RowChunks.start(c, CHUNK),
                RowChunks.end(c, CHUNK, rows)));
    }

    /** U = D(α)·G_{M−1}⋯G₀, built by applying each MZI to the rows of the identity; kept transposed. */
    private void compose() {
        double[] ur = new double[n * n], ui = new double[n * n];
        for (int i = 0; i < n; i++) ur[i * n + i] = 1;
        for (int m = 0; m < mzis; m++) applyMzi(ur, ui, upper[m] * n, (upper[m] + 1) * n, n,
                t00r[m], t00i[m], t01r[m], t01i[m], t10r[m], t10i[m], t11r[m], t11i[m]);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                double zr = ur[i * n + j], zi = ui[i * n + j];
                utr[j * n + i] = ca[i] * zr - sa[i] * zi;
                uti[j * n + i] = sa[i] * zr + ca[i] * zi;
            }
        composedValid = true;
    }

    private void multiply(Tensor x, Tensor out, int r0, int r1) {
        double[] xr = x.re, xi = x.im, yr = out.re, yi = out.im;
        for (int r = r0; r < r1; r++) {
            int row = r * n;
            java.util.Arrays.fill(yr, row, row + n, 0.0);
            java.util.Arrays.fill(yi, row, row + n, 0.0);
            for (int j = 0; j < n; j++) {
                double a = xr[row + j], b = xi == null ? 0.0 : xi[row + j];
                int col = j * n;
                for (int i = 0; i < n; i++) {
                    double pr = utr[col + i], pi = uti[col + i];
                    yr[row + i] += pr * a - pi * b;
                    yi[row + i] += pr * b + pi * a;
                }
            }
        }
    }

    /** The applied unitary U (row-major re, im) for θ; for tests and diagnostics. */
    double[][] matrix(double[] theta) {
        refresh(theta);
        if (!composedValid) compose();
        double[] re = new double[n * n], im = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) {
                re[i * n + j] = utr[j * n + i];
                im[i * n + j] = uti[j * n + i];
            }
        return new double[][]{re, im};
    }
}
