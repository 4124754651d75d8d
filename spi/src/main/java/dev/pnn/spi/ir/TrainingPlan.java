package dev.pnn.spi.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code train Network { data = ...; loss = ...; trainer = ...; ... }}. Entries are kept as typed values so
 * later language features (PDE plans, new evaluators) need no IR change; {@code locs} says where each entry was
 * written so runtime errors can point at the plan line.
 */
public record TrainingPlan(String name, String network, Map<String, Value> entries, Map<String, Loc> locs, Loc loc) {
    public static final String DATA = "data", LOSS = "loss", TRAINER = "trainer", OPTIMIZER = "optimizer",
            EPOCHS = "epochs", BATCH = "batch", SEED = "seed", ON = "on", EVALUATE = "evaluate", INIT = "init";

    public TrainingPlan {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        locs = Collections.unmodifiableMap(new LinkedHashMap<>(locs));
    }

    public Optional<Value> entry(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public Loc locOf(String key) {
        return locs.getOrDefault(key, loc);
    }

    public int intEntry(String key, int fallback) {
        return entry(key).map(v -> (int) ((Value.Num) v).value()).orElse(fallback);
    }

    public long longEntry(String key, long fallback) {
        return entry(key).map(v -> (long) ((Value.Num) v).value()).orElse(fallback);
    }

    /** The entry as a call; a bare name {@code cross_entropy} becomes a call with no arguments. */
    public Optional<Value.Call> callEntry(String key) {
        return entry(key).map(TrainingPlan::asCall);
    }

    public static Value.Call asCall(Value v) {
        if (v instanceof Value.Call c) return c;
        if (v instanceof Value.Sym s) return new Value.Call(s.name(), java.util.List.of(), Map.of());
        throw new IllegalArgumentException("expected a call or a name, got " + v);
    }
}
