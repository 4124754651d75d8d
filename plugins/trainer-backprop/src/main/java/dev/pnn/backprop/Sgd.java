package dev.pnn.backprop;

/**
 * SGD with optional (Nesterov) momentum and L2 weight decay, the recurrence of PyTorch's {@code SGD}:
 * d = g + λθ; v ← μv + d; step = d + μv (Nesterov) or v; θ ← θ − lr(epoch)·step. With μ = 0, v = d.
 * Phases are updated like any parameter and never wrapped (ALGORITHMS.md §1). Own state: [v₀ … v_{P−1}].
 */
final class Sgd extends ScheduledOptimizer {
    static final double KIND = 1;
    private final double momentum;
    private final boolean nesterov;
    private final double weightDecay;
    private final double[] velocity;

    Sgd(StepSchedule schedule, double momentum, boolean nesterov, double weightDecay, IterateAverage average,
        int paramCount) {
        super("sgd", KIND, schedule, average);
        this.momentum = momentum;
        this.nesterov = nesterov;
        this.weightDecay = weightDecay;
        this.velocity = new double[paramCount];
    }

    @Override
    void update(double[] theta, double[] grad, double lr) {
        double mu = momentum;
        for (int i = 0; i < theta.length; i++) {
            double d = grad[i] + weightDecay * theta[i];
            double v = mu * velocity[i] + d;
            velocity[i] = v;
            theta[i] -= lr * (nesterov ? d + mu * v : v);
        }
    }

    @Override
    int ownStateSize() {
        return velocity.length;
    }

    @Override
    void saveOwn(double[] s, int at) {
        System.arraycopy(velocity, 0, s, at, velocity.length);
    }

    @Override
    void restoreOwn(double[] s, int at) {
        System.arraycopy(s, at, velocity, 0, velocity.length);
    }
}
