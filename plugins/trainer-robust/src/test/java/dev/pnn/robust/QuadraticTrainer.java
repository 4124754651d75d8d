package dev.pnn.robust;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.train.GradientTrainer;

import java.util.ArrayList;
import java.util.List;

/**
 * A fake base trainer with a known loss L = ½θᵀAθ + ¼·q·Σθᵢ⁴ (q = 0: a quadratic). Records every θ and batch it
 * was called with, so tests can check what SAT asked for.
 */
final class QuadraticTrainer implements GradientTrainer {
    final double[][] a;
    final double quartic;
    final List<double[]> thetas = new ArrayList<>();
    final List<Batch> batches = new ArrayList<>();

    QuadraticTrainer(double[][] a, double quartic) {
        this.a = a;
        this.quartic = quartic;
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        thetas.add(theta.clone());
        batches.add(batch);
        return evaluate(theta, grad);
    }

    double evaluate(double[] theta, double[] grad) {
        int n = theta.length;
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i][j] * theta[j];
            grad[i] = s + quartic * theta[i] * theta[i] * theta[i];
            loss += 0.5 * theta[i] * s + 0.25 * quartic * Math.pow(theta[i], 4);
        }
        return loss;
    }

    /** Hessian-vector product, exact. */
    double[] hessianTimes(double[] theta, double[] v) {
        int n = theta.length;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) s += a[i][j] * v[j];
            out[i] = s + 3 * quartic * theta[i] * theta[i] * v[i];
        }
        return out;
    }
}
