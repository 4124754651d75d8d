package dev.pnn.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contributions of one kind (backends, trainers...) keyed by name, each remembering which plugin (and jar)
 * contributed it. Immutable once built.
 */
public final class Registry<T extends Named> {
    public record Entry<T>(T item, String source) {
    }

    private final String kind;
    private final Map<String, Entry<T>> entries;

    public Registry(String kind, Map<String, Entry<T>> entries) {
        this.kind = kind;
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    public static <T extends Named> Registry<T> of(String kind, List<T> items) {
        Map<String, Entry<T>> m = new LinkedHashMap<>();
        for (T t : items) m.put(t.name(), new Entry<>(t, "test"));
        return new Registry<>(kind, m);
    }

    /** "backend", "trainer", ... used in messages. */
    public String kind() {
        return kind;
    }

    public Optional<T> find(String name) {
        Entry<T> e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.item());
    }

    public Optional<String> sourceOf(String name) {
        Entry<T> e = entries.get(name);
        return e == null ? Optional.empty() : Optional.of(e.source());
    }

    public Collection<String> names() {
        return entries.keySet();
    }

    public List<T> all() {
        return entries.values().stream().map(Entry::item).toList();
    }
}
