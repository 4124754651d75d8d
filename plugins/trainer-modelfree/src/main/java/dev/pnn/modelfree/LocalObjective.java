package dev.pnn.modelfree;

import dev.pnn.spi.exec.Tensor;

/**
 * The per-block objective of local learning (ALGORITHMS.md §7), comparing a block's outputs for the positive
 * (true label embedded) and negative (wrong label) passes. Each writes ∂ℓ/∂o⁺ and ∂ℓ/∂o⁻ (batch mean).
 */
sealed interface LocalObjective {
    /** ℓ averaged over the batch; fills the two output gradients. */
    double evaluate(Tensor pos, Tensor neg, Tensor gradPos, Tensor gradNeg);

    /** Whether the next block receives the output scaled to unit norm (FF) or as measured (PhyLL). */
    boolean normalizesBetweenBlocks();

    /**
     * Forward-forward: goodness G(h) = (1/n)Σh², ℓ = softplus(−α(G⁺ − τ)) + softplus(α(G⁻ − τ)).
     */
    record Goodness(double alpha, double threshold) implements LocalObjective {
        @Override
        public double evaluate(Tensor pos, Tensor neg, Tensor gradPos, Tensor gradNeg) {
            int rows = pos.rows(), n = pos.width;
            gradPos.rows(rows);
            gradNeg.rows(rows);
            double total = 0;
            for (int b = 0; b < rows; b++) {
                double gp = 0, gn = 0;
                for (int j = 0; j < n; j++) {
                    gp += pos.re[b * n + j] * pos.re[b * n + j];
                    gn += neg.re[b * n + j] * neg.re[b * n + j];
                }
                gp /= n;
                gn /= n;
                total += softplus(-alpha * (gp - threshold)) + softplus(alpha * (gn - threshold));
                double dp = -alpha * sigmoid(-alpha * (gp - threshold)) * 2.0 / (n * rows);
                double dn = alpha * sigmoid(alpha * (gn - threshold)) * 2.0 / (n * rows);
                for (int j = 0; j < n; j++) {
                    gradPos.re[b * n + j] = dp * pos.re[b * n + j];
                    gradNeg.re[b * n + j] = dn * neg.re[b * n + j];
                }
            }
            return total / rows;
        }

        @Override
        public boolean normalizesBetweenBlocks() {
            return true;
        }
    }

    /**
     * PhyLL [choice of ALGORITHMS.md §7]: ℓ = softplus(α(cos(o⁺, o⁻) − m)), cos defined as 0 (with zero gradient)
     * when either vector is 0, so the loss is exactly invariant to a positive scale of the block's output.
     */
    record Cosine(double alpha, double margin) implements LocalObjective {
        @Override
        public double evaluate(Tensor pos, Tensor neg, Tensor gradPos, Tensor gradNeg) {
            int rows = pos.rows(), n = pos.width;
            gradPos.rows(rows);
            gradNeg.rows(rows);
            double total = 0;
            for (int b = 0; b < rows; b++) {
                int o = b * n;
                double dot = 0, na = 0, nb = 0;
                for (int j = 0; j < n; j++) {
                    double x = pos.re[o + j], y = neg.re[o + j];
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
                if (na == 0 || nb == 0) {
                    total += softplus(-alpha * margin);
                    java.util.Arrays.fill(gradPos.re, o, o + n, 0.0);
                    java.util.Arrays.fill(gradNeg.re, o, o + n, 0.0);
                    continue;
                }
                double normA = Math.sqrt(na), normB = Math.sqrt(nb);
                double cos = dot / (normA * normB);
                total += softplus(alpha * (cos - margin));
                double s = alpha * sigmoid(alpha * (cos - margin)) / rows;
                for (int j = 0; j < n; j++) {
                    double x = pos.re[o + j], y = neg.re[o + j];
                    gradPos.re[o + j] = s * (y / (normA * normB) - cos * x / na);
                    gradNeg.re[o + j] = s * (x / (normA * normB) - cos * y / nb);
                }
            }
            return total / rows;
        }

        @Override
        public boolean normalizesBetweenBlocks() {
            return false;
        }

        /** cos(a, b) with the zero-vector rule. */
        static double cos(double[] a, double[] b) {
            double dot = 0, na = 0, nb = 0;
            for (int j = 0; j < a.length; j++) {
                dot += a[j] * b[j];
                na += a[j] * a[j];
                nb += b[j] * b[j];
            }
            return na == 0 || nb == 0 ? 0 : dot / (Math.sqrt(na) * Math.sqrt(nb));
        }
    }

    static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }

    static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }
}
