package dev.pnn.backprop;

/**
 * Adam (Kingma and Ba) with bias correction: m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − lr(epoch)·m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ). The first step is therefore
 * lr·g/(|g| + ε) ≈ lr·sign(g) whatever the scale of g.
 */
final class Adam implements dev.pnn.spi.train.Optimizer {
    static final double KIND = 2;
    private final StepSchedule schedule;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double[] m;
    private final double[] v;
    private final IterateAverage average;
    private long t;
    private int epoch;
    private double lr;

    Adam(StepSchedule schedule, double beta1, double beta2, double eps, int paramCount) {
        this(schedule, beta1, beta2, eps, new IterateAverage(0, 0, paramCount), paramCount);
    }

    Adam(StepSchedule schedule, double beta1, double beta2, double eps, IterateAverage average, int paramCount) {
        this.schedule = schedule;
        this.average = average;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.m = new double[paramCount];
        this.v = new double[paramCount];
        this.lr = schedule.rate(0);
    }

    @Override
    public void step(double[] theta, double[] grad) {
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
        average.afterStep(theta);
    }

    @Override
    public double[] averaged(double[] theta) {
        return average.of(theta);
    }

    @Override
    public void startEpoch(int epoch) {
        this.epoch = epoch;
        this.lr = schedule.rate(epoch);
        average.startEpoch(epoch);
    }

    @Override
    public double learningRate() {
        return lr;
    }

    /** [kind, epoch, t, m₀ … m_{P−1}, v₀ … v_{P−1}, then the iterate average's values]. */
    @Override
    public double[] state() {
        int p = m.length;
        double[] s = new double[3 + 2 * p + average.stateSize()];
        s[0] = KIND;
        s[1] = epoch;
        s[2] = t;
        System.arraycopy(m, 0, s, 3, p);
        System.arraycopy(v, 0, s, 3 + p, p);
        average.save(s, 3 + 2 * p);
        return s;
    }

    @Override
    public void restore(double[] state) {
        int p = m.length;
        OptimizerArgs.checkState("adam", KIND, 3 + 2 * p + average.stateSize(), state);
        startEpoch((int) state[1]);
        t = (long) state[2];
        System.arraycopy(state, 3, m, 0, p);
        System.arraycopy(state, 3 + p, v, 0, p);
        average.restore(state, 3 + 2 * p);
    }
}
