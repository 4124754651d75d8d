package dev.pnn.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * Everything needed to continue a run bit for bit after {@code epoch} completed epochs: θ, the optimizer's
 * state, the trainer's own state ({@link dev.pnn.spi.train.Trainer#state()}: step counters, random streams), and
 * what the run was (checked on resume so a checkpoint is never applied to another network). Stored as JSON;
 * doubles are written in shortest round-trip form, so values restore exactly.
 *
 * <p>{@code trainer_state} came later than format 1: a checkpoint without it restores as an empty state, which is
 * exact for stateless trainers (the only ones such a checkpoint could resume bit-identically anyway).
 */
record Checkpoint(String format, String plan, String network, int epoch, long seed, int paramCount,
                  List<String> slices, double[] theta, double[] optimizer,
                  @JsonProperty("trainer_state") long[] trainerState) {
    static final String FORMAT = "pnn-checkpoint/1";

    Checkpoint {
        if (trainerState == null) trainerState = new long[0];
    }
}
