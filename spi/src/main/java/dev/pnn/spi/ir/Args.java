package dev.pnn.spi.ir;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed read access to named arguments (block attributes, trainer/optimizer/noise arguments). The compiler has
 * already checked kinds and units against the {@link ArgSpec}s and filled in defaults, so accessors throw
 * {@link IllegalArgumentException} only on programming errors.
 */
public record Args(String owner, Map<String, Value> values) {
    public Args {
        values = Map.copyOf(values);
    }

    public static Args of(Value.Call call) {
        return new Args(call.name(), call.named());
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public Optional<Value> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    private Value need(String name) {
        Value v = values.get(name);
        if (v == null) throw new IllegalArgumentException(owner + ": missing argument '" + name + "'");
        return v;
    }

    /** A plain number; quantities are converted to their base unit (rad, m, fraction 1 for %). */
    public double number(String name) {
        Value v = need(name);
        if (v instanceof Value.Num n) return n.base();
        if (v instanceof Value.Bool b) return b.value() ? 1 : 0;
        throw new IllegalArgumentException(owner + ": argument '" + name + "' is not a number: " + v);
    }

    public double number(String name, double fallback) {
        return has(name) ? number(name) : fallback;
    }

    public int integer(String name) {
        double d = number(name);
        if (d != Math.rint(d)) throw new IllegalArgumentException(owner + ": argument '" + name + "' is not an integer: " + d);
        return (int) d;
    }

    public int integer(String name, int fallback) {
        return has(name) ? integer(name) : fallback;
    }

    public boolean bool(String name, boolean fallback) {
        Value v = values.get(name);
        if (v == null) return fallback;
        if (v instanceof Value.Bool b) return b.value();
        if (v instanceof Value.Sym s) return Boolean.parseBoolean(s.name());
        throw new IllegalArgumentException(owner + ": argument '" + name + "' is not a boolean: " + v);
    }

    public String symbol(String name) {
        Value v = need(name);
        if (v instanceof Value.Sym s) return s.name();
        if (v instanceof Value.Str s) return s.value();
        throw new IllegalArgumentException(owner + ": argument '" + name + "' is not a name: " + v);
    }

    public String symbol(String name, String fallback) {
        return has(name) ? symbol(name) : fallback;
    }

    public String string(String name) {
        return symbol(name);
    }

    public Value.Range range(String name) {
        if (need(name) instanceof Value.Range r) return r;
        throw new IllegalArgumentException(owner + ": argument '" + name + "' is not a range");
    }

    public List<Integer> ints(String name) {
        if (need(name) instanceof Value.ListV l)
            return l.items().stream().map(v -> (int) ((Value.Num) v).value()).toList();
        throw new IllegalArgumentException(owner + ": argument '" + name + "' is not a list");
    }

    public Value.Call call(String name) {
        return TrainingPlan.asCall(need(name));
    }
}
