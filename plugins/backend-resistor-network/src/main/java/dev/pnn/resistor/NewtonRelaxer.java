package dev.pnn.resistor;

import dev.pnn.spi.device.EnergyView.Nudge;
import dev.pnn.spi.device.EnergyView.Relaxation;

import java.util.Arrays;

/**
 * Minimizes the total energy F = E + nudge over the free, unclamped units by damped Newton: Cholesky solves of
 * the Hessian (shifted when it is not positive definite, which only non-convex energies need), a backtracking
 * line search on F, and a stop when the Newton step is below {@link #STEP_TOL} (ALGORITHMS.md §10 asks for a
 * relaxation tolerance ≪ β³). Holds its work arrays; one instance per thread.
 */
final class NewtonRelaxer {
    static final double STEP_TOL = 1e-13;
    static final int MAX_ITERATIONS = 200;
    /** Below this step size Newton is in its quadratic regime and the line search would only see rounding. */
    private static final double TRUST_FULL_STEP = 1e-6;

    private final EnergyModel model;
    private final int n;
    private final int[] outputs;
    private final double[] grad;
    private final double[] hess;
    private final double[] chol;
    private final double[] step;
    private final double[] trial;
    private final double[] trialGrad;
    private final boolean[] clamped;

    NewtonRelaxer(EnergyModel model) {
        this.model = model;
        this.n = model.stateSize();
        this.outputs = model.outputUnits();
        this.grad = new double[n];
        this.hess = new double[n * n];
        this.chol = new double[n * n];
        this.step = new double[n];
        this.trial = new double[n];
        this.trialGrad = new double[n];
        this.clamped = new boolean[n];
    }

    Relaxation relax(double[] theta, double[] x, Nudge nudge, double[] start, double[] s) {
        if (start == null) Arrays.fill(s, 0, n, 0.0);
        else System.arraycopy(start, 0, s, 0, n);
        Arrays.fill(clamped, false);
        if (nudge instanceof Nudge.Clamp c)
            for (int k = 0; k < outputs.length; k++) {
                clamped[outputs[k]] = true;
                s[outputs[k]] = c.values()[k];
            }
        double residual = totalGradient(theta, x, nudge, s, grad);
        for (int it = 1; it <= MAX_ITERATIONS; it++) {
            model.hessian(theta, x, s, hess);
            if (nudge instanceof Nudge.Toward t) for (int o : outputs) hess[o * n + o] += t.beta();
            for (int i = 0; i < n; i++)
                if (clamped[i]) {
                    for (int j = 0; j < n; j++) {
                        hess[i * n + j] = 0;
                        hess[j * n + i] = 0;
                    }
                    hess[i * n + i] = 1;
                }
            for (int i = 0; i < n; i++) step[i] = -grad[i];
            solveShifted(step);
            double maxStep = 0;
            for (int i = 0; i < n; i++) maxStep = Math.max(maxStep, Math.abs(step[i]));
            double t = 1;
            if (maxStep > TRUST_FULL_STEP) {
                double f0 = totalEnergy(theta, x, nudge, s);
                double slope = 0;
                for (int i = 0; i < n; i++) slope += grad[i] * step[i];
                for (int k = 0; k < 60; k++) {
                    for (int i = 0; i < n; i++) trial[i] = s[i] + t * step[i];
                    double f1 = totalEnergy(theta, x, nudge, trial);
                    if (f1 <= f0 + 1e-4 * t * slope) break;
                    t *= 0.5;
                }
            }
            double scale = 1, moved = 0;
            for (int i = 0; i < n; i++) {
                s[i] += t * step[i];
                scale = Math.max(scale, Math.abs(s[i]));
                moved = Math.max(moved, Math.abs(t * step[i]));
            }
            residual = totalGradient(theta, x, nudge, s, grad);
            if (moved < STEP_TOL * scale || residual == 0) return new Relaxation(it, residual, true);
        }
        return new Relaxation(MAX_ITERATIONS, residual, false);
    }

    /** Max |∂F/∂s| over unclamped units; writes ∂F/∂s (0 on clamped units) into g. */
    double totalGradient(double[] theta, double[] x, Nudge nudge, double[] s, double[] g) {
        model.gradient(theta, x, s, g);
        if (nudge instanceof Nudge.Toward t)
            for (int k = 0; k < outputs.length; k++) g[outputs[k]] += t.beta() * (s[outputs[k]] - t.target()[k]);
        double r = 0;
        for (int i = 0; i < n; i++) {
            if (clamped[i]) g[i] = 0;
            r = Math.max(r, Math.abs(g[i]));
        }
        return r;
    }

    double residual(double[] theta, double[] x, Nudge nudge, double[] s) {
        Arrays.fill(clamped, false);
        if (nudge instanceof Nudge.Clamp) for (int o : outputs) clamped[o] = true;
        return totalGradient(theta, x, nudge, s, trialGrad);
    }

    private double totalEnergy(double[] theta, double[] x, Nudge nudge, double[] s) {
        double f = model.energy(theta, x, s);
        if (nudge instanceof Nudge.Toward t)
            for (int k = 0; k < outputs.length; k++) {
                double d = s[outputs[k]] - t.target()[k];
                f += 0.5 * t.beta() * d * d;
            }
        return f;
    }

    /** Solves hess·y = b in place (b → y), shifting the diagonal until Cholesky succeeds. */
    private void solveShifted(double[] b) {
        double shift = 0;
        double diagMax = 0;
        for (int i = 0; i < n; i++) diagMax = Math.max(diagMax, Math.abs(hess[i * n + i]));
        while (!choleskyFactor(shift)) shift = shift == 0 ? 1e-8 * Math.max(diagMax, 1) : shift * 10;
        choleskySolve(b);
    }

    /** Solves the already-factored system (used by the twin for λ = H⁻¹·∂L/∂s). */
    void solveWithHessian(double[] theta, double[] x, double[] s, Nudge nudge, double[] b) {
        model.hessian(theta, x, s, hess);
        if (nudge instanceof Nudge.Toward t) for (int o : outputs) hess[o * n + o] += t.beta();
        if (!choleskyFactor(0))
            throw new dev.pnn.spi.PnnException("the energy's Hessian is not positive definite at this state, so the "
                    + "equilibrium is not a strict minimum and has no gradient",
                    "keep the Hopfield weights small (||W|| < 1) or the conductances positive");
        choleskySolve(b);
    }

    private boolean choleskyFactor(double shift) {
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = hess[i * n + j] + (i == j ? shift : 0);
                for (int k = 0; k < j; k++) sum -= chol[i * n + k] * chol[j * n + k];
                if (i == j) {
                    if (!(sum > 0)) return false;
                    chol[i * n + i] = Math.sqrt(sum);
                } else {
                    chol[i * n + j] = sum / chol[j * n + j];
                }
            }
        }
        return true;
    }

    private void choleskySolve(double[] b) {
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) sum -= chol[i * n + k] * b[k];
            b[i] = sum / chol[i * n + i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double sum = b[i];
            for (int k = i + 1; k < n; k++) sum -= chol[k * n + i] * b[k];
            b[i] = sum / chol[i * n + i];
        }
    }
}
