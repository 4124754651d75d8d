package dev.pnn.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * Everything needed to continue a run bit for bit after {@code epoch} completed epochs: θ, the optimizer's
 * state, the trainer's own state ({@link dev.pnn.spi.train.Trainer#state()}: step counters, random streams), the
 * training and evaluation devices' per-query state ({@link dev.pnn.spi.device.Device#state()}: noise streams) and
 * query counts (so a resumed run's metrics keep counting from where the stopped one was), and
 * what the run was (checked on resume so a checkpoint is never applied to another network). Stored as JSON;
 * doubles are written in shortest round-trip form, so values restore exactly.
 *
 * <p>{@code trainer_state} and the device states came later than format 1: a checkpoint without them restores empty states, which is
 * exact for stateless trainers (the only ones such a checkpoint could resume bit-identically anyway).
 */
record Checkpoint(String format, String plan, String network, int epoch, long seed, int paramCount,
                  List<String> slices, double[] theta, double[] optimizer,
                  @JsonProperty("trainer_state") long[] trainerState,
                  @JsonProperty("device_state") long[] deviceState,
                  @JsonProperty("eval_device_state") long[] evalDeviceState,
                  Map<String, Long> queries, @JsonProperty("eval_queries") Map<String, Long> evalQueries) {
    static final String FORMAT = "pnn-checkpoint/1";

    Checkpoint {
        if (trainerState == null) trainerState = new long[0];
        if (deviceState == null) deviceState = new long[0];
        if (evalDeviceState == null) evalDeviceState = new long[0];
        queries = queries == null ? Map.of() : Map.copyOf(queries);
        evalQueries = evalQueries == null ? Map.of() : Map.copyOf(evalQueries);
    }
}
