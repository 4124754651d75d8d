package dev.pnn.testkit;

import dev.pnn.spi.ir.ParamSlice;

import java.util.List;

/** Names a component of θ by its parameter slice, e.g. {@code mixed.phases[3] (θ[7])}, for failure messages. */
final class ParamNames {
    private ParamNames() {
    }

    static String sliceOf(List<ParamSlice> layout, int index) {
        if (layout == null) return null;
        for (ParamSlice s : layout) {
            if (index >= s.offset() && index < s.end()) return s.name();
        }
        return null;
    }

    static String describe(List<ParamSlice> layout, int index) {
        if (layout != null) {
            for (ParamSlice s : layout) {
                if (index >= s.offset() && index < s.end()) {
                    return s.name() + "[" + (index - s.offset()) + "] (θ[" + index + "])";
                }
            }
        }
        return "θ[" + index + "]";
    }
}
