package dev.pnn.resistor;

/**
 * The Hopfield-like continuous network of ALGORITHMS.md §10: hidden units h and output units o with
 * E = Σ_i(½s_i² + ¼s_i⁴) − oᵀWh − hᵀUx − sᵀb, strongly convex while ‖W‖₂ < 1 (and coercive always).
 * θ layout: {@code w} [outputs × hidden] row-major, {@code u} [hidden × inputs], {@code b} [hidden + outputs].
 * State order: h then o.
 */
final class HopfieldModel implements EnergyModel {
    private final int hidden;
    private final int out;
    private final int inputs;
    private final int wOff;
    private final int uOff;
    private final int bOff;
    private final int[] outputs;

    HopfieldModel(int inputs, int hidden, int outputs, int offset) {
        this.hidden = hidden;
        this.out = outputs;
        this.inputs = inputs;
        this.wOff = offset;
        this.uOff = wOff + outputs * hidden;
        this.bOff = uOff + hidden * inputs;
        this.outputs = new int[outputs];
        for (int k = 0; k < outputs; k++) this.outputs[k] = hidden + k;
    }

    @Override
    public int stateSize() {
        return hidden + out;
    }

    @Override
    public int inputWidth() {
        return inputs;
    }

    @Override
    public int[] outputUnits() {
        return outputs.clone();
    }

    private double drive(double[] theta, double[] x, int l) {
        double d = 0;
        int row = uOff + l * inputs;
        for (int m = 0; m < inputs; m++) d += theta[row + m] * x[m];
        return d;
    }

    @Override
    public double energy(double[] theta, double[] x, double[] s) {
        double e = 0;
        for (int i = 0; i < hidden + out; i++) {
            double si = s[i], s2 = si * si;
            e += 0.5 * s2 + 0.25 * s2 * s2 - s[i] * theta[bOff + i];
        }
        for (int k = 0; k < out; k++) {
            double ok = s[hidden + k];
            for (int l = 0; l < hidden; l++) e -= ok * theta[wOff + k * hidden + l] * s[l];
        }
        for (int l = 0; l < hidden; l++) e -= s[l] * drive(theta, x, l);
        return e;
    }

    @Override
    public void gradient(double[] theta, double[] x, double[] s, double[] g) {
        for (int i = 0; i < hidden + out; i++) g[i] = s[i] + s[i] * s[i] * s[i] - theta[bOff + i];
        for (int l = 0; l < hidden; l++) g[l] -= drive(theta, x, l);
        for (int k = 0; k < out; k++) {
            int row = wOff + k * hidden;
            double ok = s[hidden + k], acc = 0;
            for (int l = 0; l < hidden; l++) {
                double w = theta[row + l];
                acc += w * s[l];
                g[l] -= w * ok;
            }
            g[hidden + k] -= acc;
        }
    }

    @Override
    public void hessian(double[] theta, double[] x, double[] s, double[] h) {
        int n = hidden + out;
        java.util.Arrays.fill(h, 0, n * n, 0.0);
        for (int i = 0; i < n; i++) h[i * n + i] = 1 + 3 * s[i] * s[i];
        for (int k = 0; k < out; k++)
            for (int l = 0; l < hidden; l++) {
                double w = theta[wOff + k * hidden + l];
                h[(hidden + k) * n + l] = -w;
                h[l * n + hidden + k] = -w;
            }
    }

    @Override
    public void energyGradientTheta(double[] theta, double[] x, double[] s, double[] dE) {
        for (int k = 0; k < out; k++)
            for (int l = 0; l < hidden; l++) dE[wOff + k * hidden + l] = -s[hidden + k] * s[l];
        for (int l = 0; l < hidden; l++)
            for (int m = 0; m < inputs; m++) dE[uOff + l * inputs + m] = -s[l] * x[m];
        for (int i = 0; i < hidden + out; i++) dE[bOff + i] = -s[i];
    }

    @Override
    public void addImplicitVjp(double[] theta, double[] x, double[] s, double[] lambda, double[] thetaGrad) {
        for (int k = 0; k < out; k++)
            for (int l = 0; l < hidden; l++)
                thetaGrad[wOff + k * hidden + l] += lambda[hidden + k] * s[l] + lambda[l] * s[hidden + k];
        for (int l = 0; l < hidden; l++)
            for (int m = 0; m < inputs; m++) thetaGrad[uOff + l * inputs + m] += lambda[l] * x[m];
        for (int i = 0; i < hidden + out; i++) thetaGrad[bOff + i] += lambda[i];
    }
}
