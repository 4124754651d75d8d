package dev.pnn.backprop;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Args;

/**
 * Step learning-rate schedule: lr(epoch) = lr₀ · decay^⌊epoch / every⌋ for 0-based epochs, constant when
 * {@code every} = 0. {@code halve_every: N} is shorthand for {@code decay: 0.5, every: N}.
 */
record StepSchedule(double initial, double decay, int every) {

    double rate(int epoch) {
        if (every <= 0) return initial;
        return initial * Math.pow(decay, Math.floorDiv(epoch, every));
    }

    static StepSchedule from(Args args, double lr) {
        int halve = args.integer("halve_every", 0);
        int every = args.integer("every", 0);
        double decay = args.number("decay", 0.5);
        String who = args.owner();
        if (halve < 0 || every < 0) {
            throw new PnnException(who + ": halve_every and every must be ≥ 0 epochs, got " + (halve < 0 ? halve : every),
                    "use 0 for a constant learning rate");
        }
        if (halve > 0 && every > 0 && (halve != every || decay != 0.5)) {
            throw new PnnException(who + ": both halve_every: " + halve + " and decay: " + decay + ", every: " + every
                    + " are given", "give either halve_every: N or decay: d, every: N");
        }
        if (!(decay > 0 && decay <= 1)) {
            throw new PnnException(who + ": decay must be in (0, 1], got " + decay, "e.g. decay: 0.5, every: 20");
        }
        return halve > 0 ? new StepSchedule(lr, 0.5, halve) : new StepSchedule(lr, decay, every);
    }
}
