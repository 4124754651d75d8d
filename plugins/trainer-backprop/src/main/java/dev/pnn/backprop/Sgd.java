package dev.pnn.backprop;

/**
 * SGD with optional (Nesterov) momentum and L2 weight decay, the recurrence of PyTorch's {@code SGD}:
 * d = g + λθ; v ← μv + d; step = d + μv (Nesterov) or v; θ ← θ − lr(epoch)·step. With μ = 0, v = d.
 * Phases are updated like any parameter and never wrapped (ALGORITHMS.md §1).
 */
final class Sgd implements dev.pnn.spi.train.Optimizer {
    static final double KIND = 1;
    private final StepSchedule schedule;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[] velocity;
    private final IterateAverage average;
    private int epoch;
    private double lr;

    Sgd(StepSchedule schedule, double momentum, boolean nesterov, double weightDecay, int paramCount) {
        this(schedule, momentum, nesterov, weightDecay, new IterateAverage(0, 0, paramCount), paramCount);
    }

    Sgd(StepSchedule schedule, double momentum, boolean nesterov, double weightDecay, IterateAverage average,
        int paramCount) {
        this.schedule = schedule;
        this.average = average;
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = new double[paramCount];
        this.lr = schedule.rate(0);
    }

    @Override
    public void step(double[] theta, double[] grad) {
        double mu = momentum;
        for (int i = 0; i < theta.length; i++) {
            double d = grad[i] + weightDecay * theta[i];
            double v = mu * velocity[i] + d;
            velocity[i] = v;
            theta[i] -= lr * (nesterov ? d + mu * v : v);
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

    /** [kind, epoch, v₀ … v_{P−1}, then the iterate average's values]. */
    @Override
    public double[] state() {
        double[] s = new double[2 + velocity.length + average.stateSize()];
        s[0] = KIND;
        s[1] = epoch;
        System.arraycopy(velocity, 0, s, 2, velocity.length);
        average.save(s, 2 + velocity.length);
        return s;
    }

    @Override
    public void restore(double[] state) {
        OptimizerArgs.checkState("sgd", KIND, 2 + velocity.length + average.stateSize(), state);
        startEpoch((int) state[1]);
        System.arraycopy(state, 2, velocity, 0, velocity.length);
        average.restore(state, 2 + velocity.length);
    }
}
