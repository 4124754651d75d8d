package dev.pnn.kerr;

/**
 * A chain of Kerr modes with on-site learning fields θ (ALGORITHMS.md §11):
 * H = Σ_j θ_j|a_j|² + J Σ_j (a_j*a_{j+1} + c.c.) + (g/2) Σ_j |a_j|⁴, with learning momentum π̇_j = −|a_j|².
 * Integrated by Strang splitting A(h/2)∘B(h)∘A(h/2) whose sub-flows are exact: A rotates each mode by its own
 * (conserved) intensity, B is the linear coupling flow V·diag(e^{−iλh})·Vᵀ with the chain's closed-form
 * eigenvectors. The map is symplectic and reversible: R∘Ψ∘R = Ψ⁻¹ with R: a → a*, π → −π.
 *
 * <p>The learning field may vary in time: {@code segments} equal time slices, each with its own θ (n per
 * segment) and its own momentum π. A pass can play the schedule backward (the echo after a time reversal
 * must, for R∘Ψ_k∘R = Ψ_k⁻¹ to undo the steps in the right order).
 *
 * <p>Waves are split re/im flat arrays; all work arrays belong to the instance (one per thread).
 */
final class KerrLattice {
    final int n;
    final int steps;
    final int segments;
    final double dt;
    final double g;
    private final double[] uRe;
    private final double[] uIm;
    private final double[] tmpRe;
    private final double[] tmpIm;

    KerrLattice(int sites, int steps, int segments, double dt, double g, double coupling) {
        this.n = sites;
        this.steps = steps;
        this.segments = segments;
        this.dt = dt;
        this.g = g;
        this.uRe = new double[n * n];
        this.uIm = new double[n * n];
        this.tmpRe = new double[n];
        this.tmpIm = new double[n];
        // Chain J_{j,j±1} = coupling: eigenvectors √(2/(n+1))·sin(π(j+1)(k+1)/(n+1)), eigenvalues 2·coupling·cos(π(k+1)/(n+1)).
        double[] v = new double[n * n];
        double[] lambda = new double[n];
        double norm = Math.sqrt(2.0 / (n + 1));
        for (int k = 0; k < n; k++) {
            lambda[k] = 2 * coupling * Math.cos(Math.PI * (k + 1) / (n + 1));
            for (int j = 0; j < n; j++) v[j * n + k] = norm * Math.sin(Math.PI * (j + 1) * (k + 1) / (n + 1));
        }
        for (int j = 0; j < n; j++)
            for (int l = 0; l < n; l++) {
                double re = 0, im = 0;
                for (int k = 0; k < n; k++) {
                    double w = v[j * n + k] * v[l * n + k];
                    re += w * Math.cos(lambda[k] * dt);
                    im -= w * Math.sin(lambda[k] * dt);
                }
                uRe[j * n + l] = re;
                uIm[j * n + l] = im;
            }
    }

    /** Exact on-site flow for time τ: a_j ← a_j·e^{−i(θ_j + g|a_j|²)τ}, π_j ← π_j − τ|a_j|² (π may be null). */
    void onSite(double[] theta, int thetaOff, double tau, double[] re, double[] im, double[] pi, int piOff) {
        for (int j = 0; j < n; j++) {
            double p = re[j] * re[j] + im[j] * im[j];
            double phi = -(theta[thetaOff + j] + g * p) * tau;
            double c = Math.cos(phi), s = Math.sin(phi);
            double r = re[j], i = im[j];
            re[j] = r * c - i * s;
            im[j] = r * s + i * c;
            if (pi != null) pi[piOff + j] -= tau * p;
        }
    }

    /** Exact coupling flow for one step dt: a ← U·a (sign of the time flips with {@code conjugate}). */
    void couple(double[] re, double[] im, boolean conjugate) {
        double sgn = conjugate ? -1 : 1;
        for (int j = 0; j < n; j++) {
            double sr = 0, si = 0;
            int row = j * n;
            for (int l = 0; l < n; l++) {
                double ur = uRe[row + l], ui = sgn * uIm[row + l];
                sr += ur * re[l] - ui * im[l];
                si += ur * im[l] + ui * re[l];
            }
            tmpRe[j] = sr;
            tmpIm[j] = si;
        }
        System.arraycopy(tmpRe, 0, re, 0, n);
        System.arraycopy(tmpIm, 0, im, 0, n);
    }

    /** One Strang step A(h/2)∘B(h)∘A(h/2). */
    void step(double[] theta, int thetaOff, double[] re, double[] im, double[] pi, int piOff) {
        onSite(theta, thetaOff, 0.5 * dt, re, im, pi, piOff);
        couple(re, im, false);
        onSite(theta, thetaOff, 0.5 * dt, re, im, pi, piOff);
    }

    /** Offset (relative to the field's first entry) of the θ segment that acts at step k. */
    int segmentOffset(int k) {
        return (int) ((long) k * segments / steps) * n;
    }

    /**
     * All steps, the schedule played forward or (after a time reversal) backward; when {@code trajectory} is
     * non-null records the wave before every step (re then im, 2n each).
     */
    void evolve(double[] theta, int thetaOff, double[] re, double[] im, double[] pi, int piOff, double[] trajectory,
                int trajOff, boolean backwardSchedule) {
        for (int k = 0; k < steps; k++) {
            if (trajectory != null) {
                System.arraycopy(re, 0, trajectory, trajOff + 2 * n * k, n);
                System.arraycopy(im, 0, trajectory, trajOff + 2 * n * k + n, n);
            }
            int seg = segmentOffset(backwardSchedule ? steps - 1 - k : k);
            step(theta, thetaOff + seg, re, im, pi, piOff + seg);
        }
    }

    /**
     * Reverse mode through the discrete forward map (the twin's backprop): given ā at the end (ū convention,
     * ALGORITHMS.md §1) in {@code barRe/barIm} and the recorded trajectory, adds ∂L/∂θ into {@code thetaGrad} and
     * leaves ā(0) in bar. Work arrays wRe/wIm/vRe/vIm have length n.
     */
    void backward(double[] theta, int thetaOff, double[] trajectory, int trajOff, double[] barRe, double[] barIm,
                  double[] thetaGrad, double[] wRe, double[] wIm, double[] vRe, double[] vIm) {
        double half = 0.5 * dt;
        for (int k = steps - 1; k >= 0; k--) {
            int off = thetaOff + segmentOffset(k);
            System.arraycopy(trajectory, trajOff + 2 * n * k, wRe, 0, n);
            System.arraycopy(trajectory, trajOff + 2 * n * k + n, wIm, 0, n);
            onSite(theta, off, half, wRe, wIm, null, 0); // u1
            couple(wRe, wIm, false);                           // u2 = input of the last half step
            System.arraycopy(wRe, 0, vRe, 0, n);
            System.arraycopy(wIm, 0, vIm, 0, n);
            onSiteBackward(theta, off, half, vRe, vIm, barRe, barIm, thetaGrad);
            couple(barRe, barIm, true);                        // ā ← U†ā = conj(U)ā (U is symmetric)
            System.arraycopy(trajectory, trajOff + 2 * n * k, vRe, 0, n);
            System.arraycopy(trajectory, trajOff + 2 * n * k + n, vIm, 0, n);
            onSiteBackward(theta, off, half, vRe, vIm, barRe, barIm, thetaGrad);
        }
    }

    /**
     * VJP of a′ = u·e^{−i(θ + g|u|²)τ} at input u (given in inRe/inIm): θ̄ += τ·Im(ā′*a′) and
     * ū = e^{+iφτ}·ā′ + 2gτ·Im(ā′*a′)·u.
     */
    private void onSiteBackward(double[] theta, int thetaOff, double tau, double[] inRe, double[] inIm,
                                double[] barRe, double[] barIm, double[] thetaGrad) {
        for (int j = 0; j < n; j++) {
            double ur = inRe[j], ui = inIm[j];
            double p = ur * ur + ui * ui;
            double phi = -(theta[thetaOff + j] + g * p) * tau;
            double c = Math.cos(phi), s = Math.sin(phi);
            double ar = ur * c - ui * s, ai = ur * s + ui * c;   // a′
            double br = barRe[j], bi = barIm[j];
            double q = br * ai - bi * ar;                        // Im(ā′*·a′)
            if (thetaGrad != null) thetaGrad[thetaOff + j] += tau * q;
            barRe[j] = br * c + bi * s + 2 * g * tau * q * ur;  // e^{−iφ}... rotation back by the same angle
            barIm[j] = -br * s + bi * c + 2 * g * tau * q * ui;
        }
    }
}
