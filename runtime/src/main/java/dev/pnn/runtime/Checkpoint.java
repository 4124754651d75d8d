package dev.pnn.runtime;

import java.util.List;

/**
 * Everything needed to continue a run bit for bit after {@code epoch} completed epochs: θ, the optimizer's
 * state, and what the run was (checked on resume so a checkpoint is never applied to another network).
 * Stored as JSON; doubles are written in shortest round-trip form, so values restore exactly.
 */
record Checkpoint(String format, String plan, String network, int epoch, long seed, int paramCount,
                  List<String> slices, double[] theta, double[] optimizer) {
    static final String FORMAT = "pnn-checkpoint/1";
}
