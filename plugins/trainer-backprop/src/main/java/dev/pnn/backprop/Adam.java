package dev.pnn.backprop;

/**
 * Adam (Kingma and Ba) with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − lr(epoch)·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The first step is therefore
 * lr·g/(|g| + ε) ≈ lr·sign(g) whatever the scale of g. Own state: [t, m₀ … m_{P−1}, v₀ … v_{P−1}].
 */
final class Adam extends ScheduledOptimizer {
    static final double KIND = 2;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private long t;

    Adam(StepSchedule schedule, double beta1, double beta2, double eps, IterateAverage average, int paramCount) {
        super("adam", KIND, schedule, average);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[paramCount];
        this.v = new double[paramCount];
    }

    @Override
    void update(double[] theta, double[] grad, double lr) {
        t++;
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int i = 0; i < theta.length; i++) {
            double g = grad[i];
            double mi = beta1 * m[i] + (1 - beta1) * g;
            double vi = beta2 * v[i] + (1 - beta2) * g * g;
            m[i] = mi;
            v[i] = vi;
            theta[i] -= lr * (mi / c1) / (Math.sqrt(vi / c2) + eps);
        }
    }

    @Override
    int ownStateSize() {
        return 1 + 2 * m.length;
    }

    @Override
    void saveOwn(double[] s, int at) {
        s[at] = t;
        System.arraycopy(m, 0, s, at + 1, m.length);
        System.arraycopy(v, 0, s, at + 1 + m.length, v.length);
    }

    @Override
    void restoreOwn(double[] s, int at) {
        t = (long) s[at];
        System.arraycopy(s, at + 1, m, 0, m.length);
        System.arraycopy(s, at + 1 + m.length, v, 0, v.length);
    }
}
