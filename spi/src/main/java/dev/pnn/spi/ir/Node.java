package dev.pnn.spi.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One block instance in a network graph. {@code op} is the block name ("clements"), {@code inputs} are ids of
 * earlier nodes, {@code attrs} the named arguments after defaults were filled in, {@code params} this node's
 * slices of θ (possibly empty). Input nodes have op {@value #INPUT_OP} and no inputs.
 */
public record Node(String id, String op, List<String> inputs, Map<String, Value> attrs, ValueType type,
                   List<ParamSlice> params, Loc loc) {
    public static final String INPUT_OP = "input";

    public Node {
        inputs = List.copyOf(inputs);
        attrs = Collections.unmodifiableMap(new LinkedHashMap<>(attrs));
        params = List.copyOf(params);
    }

    public boolean isInput() {
        return INPUT_OP.equals(op);
    }

    public int paramCount() {
        return params.stream().mapToInt(ParamSlice::length).sum();
    }

    /** Offset of this node's first parameter in θ, or -1 when it has none. */
    public int paramOffset() {
        return params.isEmpty() ? -1 : params.get(0).offset();
    }

    public Args args() {
        return new Args(op, attrs);
    }
}
