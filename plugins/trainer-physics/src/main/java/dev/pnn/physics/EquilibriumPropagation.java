package dev.pnn.physics;

import dev.pnn.spi.data.Batch;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.EnergyView.Nudge;
import dev.pnn.spi.train.GradientTrainer;
import dev.pnn.spi.train.Loss;

/**
 * Equilibrium propagation and coupled learning (ALGORITHMS.md §10), from relaxations and local ∂E/∂θ readings
 * only. Per sample: relax freely to s₀, read the outputs, evaluate the loss there; then either nudge the outputs
 * toward the target τ = y₀ − ∂ℓ/∂y with strength β (EP; for {@code half_sse} τ is exactly the target t, and for
 * any loss the β → 0 limit is dℓ/dθ) or clamp them at y₀ + η(τ − y₀) (coupled learning), starting from s₀.
 * The estimate is [∂E/∂θ(s_nudged) − ∂E/∂θ(s_reference)]/strength, averaged over the batch.
 */
final class EquilibriumPropagation implements GradientTrainer {
    enum Mode { ONE_SIDED, SYMMETRIC, COUPLED }

    private final EnergyView energy;
    private final SampleLoss loss;
    private final Mode mode;
    private final double strength;
    private final int outputs;
    private final double[] x;
    private final double[] s0;
    private final double[] sPlus;
    private final double[] sMinus;
    private final double[] y;
    private final double[] dy;
    private final double[] target;
    private double[] ePlus = new double[0];
    private double[] eRef = new double[0];

    EquilibriumPropagation(EnergyView energy, Loss loss, int inputWidth, Mode mode, double strength) {
        this.energy = energy;
        this.outputs = energy.outputUnits().length;
        this.loss = new SampleLoss(loss, outputs);
        this.mode = mode;
        this.strength = strength;
        int n = energy.stateSize();
        this.x = new double[inputWidth];
        this.s0 = new double[n];
        this.sPlus = new double[n];
        this.sMinus = new double[n];
        this.y = new double[outputs];
        this.dy = new double[outputs];
        this.target = new double[outputs];
    }

    @Override
    public double gradient(double[] theta, Batch batch, double[] grad) {
        java.util.Arrays.fill(grad, 0.0);
        if (ePlus.length != theta.length) {
            ePlus = new double[theta.length];
            eRef = new double[theta.length];
        }
        int rows = batch.size(), w = x.length;
        double total = 0;
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch.inputs().re, r * w, x, 0, w);
            energy.relax(theta, x, Nudge.FREE, null, s0);
            energy.readOutputs(s0, y);
            total += loss.evaluate(batch, r, y, dy);
            for (int k = 0; k < outputs; k++) target[k] = y[k] - dy[k];
            double denominator;
            switch (mode) {
                case ONE_SIDED -> {
                    energy.relax(theta, x, new Nudge.Toward(strength, target), s0, sPlus);
                    energy.energyGradient(theta, x, sPlus, ePlus);
                    energy.energyGradient(theta, x, s0, eRef);
                    denominator = strength;
                }
                case SYMMETRIC -> {
                    energy.relax(theta, x, new Nudge.Toward(strength, target), s0, sPlus);
                    energy.relax(theta, x, new Nudge.Toward(-strength, target), s0, sMinus);
                    energy.energyGradient(theta, x, sPlus, ePlus);
                    energy.energyGradient(theta, x, sMinus, eRef);
                    denominator = 2 * strength;
                }
                default -> {
                    double[] clamp = new double[outputs]; // a fresh array: the nudge record keeps it
                    for (int k = 0; k < outputs; k++) clamp[k] = y[k] + strength * (target[k] - y[k]);
                    energy.relax(theta, x, new Nudge.Clamp(clamp), s0, sPlus);
                    energy.energyGradient(theta, x, sPlus, ePlus);
                    energy.energyGradient(theta, x, s0, eRef);
                    denominator = strength;
                }
            }
            double scale = 1.0 / (denominator * rows);
            for (int i = 0; i < grad.length; i++) grad[i] += (ePlus[i] - eRef[i]) * scale;
        }
        return total / rows;
    }
}
