package dev.pnn.testkit;

import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Argument maps as the compiler would hand them to a plugin: given values, then every declared default. Contracts
 * build graphs and trainers without the compiler, so they fill defaults here the same way.
 */
final class ArgValues {
    private ArgValues() {
    }

    /** {@code given} plus the fallback of every spec not given. */
    static Map<String, Value> withDefaults(List<ArgSpec> specs, Map<String, Value> given) {
        Map<String, Value> out = new LinkedHashMap<>(given);
        for (ArgSpec s : specs) if (!out.containsKey(s.name()) && s.fallback() != null) out.put(s.name(), s.fallback());
        return out;
    }

    static Args args(String owner, List<ArgSpec> specs, Map<String, Value> given) {
        return new Args(owner, withDefaults(specs, given));
    }

    /**
     * A plausible value for a required argument of a block with input width {@code width}: 2 for integers,
     * 0.5 for numbers, the first choice for symbols, the range 0..min(1, width-1). Empty when no generic value
     * makes sense (strings, calls): the implementer must then supply the argument.
     */
    static Optional<Value> generic(ArgSpec spec, int width) {
        return switch (spec.kind()) {
            case INT -> Optional.of(new Value.Num(2));
            case NUMBER, QUANTITY -> Optional.of(new Value.Num(0.5));
            case BOOL -> Optional.of(new Value.Bool(true));
            case SYMBOL -> spec.choices().isEmpty() ? Optional.empty() : Optional.of(new Value.Sym(spec.choices().get(0)));
            case RANGE -> Optional.of(new Value.Range(0, Math.min(1, width - 1)));
            default -> Optional.empty();
        };
    }
}
