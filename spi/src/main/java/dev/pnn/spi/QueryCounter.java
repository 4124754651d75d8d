package dev.pnn.spi;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts physical queries per kind (one forward query = one sample through the hardware). Devices count;
 * reports show the count next to wall time.
 */
public final class QueryCounter {
    private final Map<QueryKind, LongAdder> counts = new ConcurrentHashMap<>();

    public void add(QueryKind kind, long n) {
        counts.computeIfAbsent(kind, k -> new LongAdder()).add(n);
    }

    public long get(QueryKind kind) {
        LongAdder a = counts.get(kind);
        return a == null ? 0 : a.sum();
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        counts.forEach((k, v) -> m.put(k.name(), v.sum()));
        return m;
    }
}
