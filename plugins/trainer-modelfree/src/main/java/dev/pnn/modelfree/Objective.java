package dev.pnn.modelfree;

/**
 * A scalar function of the flat parameter vector θ, queried point by point: the only thing the perturbative
 * estimators ({@link FiniteDifferences}, {@link Spsa}, {@link GaussianZo}) and the population methods need. On
 * hardware one call is one loss measurement (a batch of forward queries).
 */
@FunctionalInterface
public interface Objective {
    /** L(θ); must not modify {@code theta}. */
    double value(double[] theta);
}
