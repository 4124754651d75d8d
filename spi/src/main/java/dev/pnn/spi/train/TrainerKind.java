package dev.pnn.spi.train;

/**
 * What a trainer's output promises, which decides the oracle its contract test applies
 * (testkit {@code TrainerContract}).
 */
public enum TrainerKind {
    /** Returns ∇L exactly (up to rounding): checked against central finite differences. */
    EXACT_GRADIENT,
    /** Returns an estimate whose expectation is ∇L (or a smoothed ∇L): checked in expectation. */
    UNBIASED_ESTIMATE,
    /** Returns a direction with positive inner product with ∇L: checked on a quadratic. */
    DESCENT_DIRECTION,
    /** Updates θ itself (population methods, closed-form readouts): checked by descent on a sphere. */
    DIRECT_UPDATE
}
