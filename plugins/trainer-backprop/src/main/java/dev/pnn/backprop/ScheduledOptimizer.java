package dev.pnn.backprop;

import dev.pnn.spi.train.Optimizer;

/**
 * What {@code sgd} and {@code adam} share: the learning-rate schedule, the optional iterate average, and the
 * checkpoint layout [kind, epoch, the optimizer's own values, the average's values].
 */
abstract class ScheduledOptimizer implements Optimizer {
    private final String name;
    private final double kind;
    private final StepSchedule schedule;
    private final IterateAverage average;
    private int epoch;
    private double lr;

    ScheduledOptimizer(String name, double kind, StepSchedule schedule, IterateAverage average) {
        this.name = name;
        this.kind = kind;
        this.schedule = schedule;
        this.average = average;
        this.lr = schedule.rate(0);
    }

    /** One update of θ in place at learning rate {@code lr}. */
    abstract void update(double[] theta, double[] grad, double lr);

    /** Number of the optimizer's own state values. */
    abstract int ownStateSize();

    abstract void saveOwn(double[] state, int at);

    abstract void restoreOwn(double[] state, int at);

    @Override
    public final void step(double[] theta, double[] grad) {
        update(theta, grad, lr);
        average.afterStep(theta);
    }

    @Override
    public final double[] averaged(double[] theta) {
        return average.of(theta);
    }

    @Override
    public final void startEpoch(int epoch) {
        this.epoch = epoch;
        this.lr = schedule.rate(epoch);
        average.startEpoch(epoch);
    }

    @Override
    public final double learningRate() {
        return lr;
    }

    @Override
    public final double[] state() {
        double[] s = new double[2 + ownStateSize() + average.stateSize()];
        s[0] = kind;
        s[1] = epoch;
        saveOwn(s, 2);
        average.save(s, 2 + ownStateSize());
        return s;
    }

    @Override
    public final void restore(double[] state) {
        OptimizerArgs.checkState(name, kind, 2 + ownStateSize() + average.stateSize(), state);
        startEpoch((int) state[1]);
        restoreOwn(state, 2);
        average.restore(state, 2 + ownStateSize());
    }
}
