package dev.pnn.resistor;

import dev.pnn.spi.ir.Value;

import java.util.Map;

/**
 * The fixed, monotone part of every edge of a resistive network, in parallel with the edge's learnable linear
 * conductance g: the edge current is i(Δv) = gΔv + φ′(Δv) and its co-content ½gΔv² + φ(Δv) (ALGORITHMS.md §2.7).
 * Every φ here is convex, so the total co-content is strictly convex whenever every g > 0.
 */
sealed interface Element {
    /** φ(Δv): the element's co-content. */
    double coContent(double dv);

    /** φ′(Δv): the element's current. */
    double current(double dv);

    /** φ″(Δv) ≥ 0: the element's small-signal conductance. */
    double slope(double dv);

    /** Plain linear resistors: φ = 0. */
    record Linear() implements Element {
        public double coContent(double dv) {
            return 0;
        }

        public double current(double dv) {
            return 0;
        }

        public double slope(double dv) {
            return 0;
        }
    }

    /** A cubic element in parallel: current cΔv³, co-content ¼cΔv⁴ ([choice] of §2.7). */
    record Cubic(double c) implements Element {
        public double coContent(double dv) {
            double d2 = dv * dv;
            return 0.25 * c * d2 * d2;
        }

        public double current(double dv) {
            return c * dv * dv * dv;
        }

        public double slope(double dv) {
            return 3 * c * dv * dv;
        }
    }

    /**
     * A diode in parallel, forward from the lower- to the higher-numbered node of the edge: current
     * I_s(e^{Δv/V_T} − 1), co-content I_s V_T(e^{Δv/V_T} − 1) − I_sΔv.
     */
    record Diode(double saturation, double thermalVoltage) implements Element {
        public double coContent(double dv) {
            return saturation * thermalVoltage * Math.expm1(dv / thermalVoltage) - saturation * dv;
        }

        public double current(double dv) {
            return saturation * Math.expm1(dv / thermalVoltage);
        }

        public double slope(double dv) {
            return saturation / thermalVoltage * Math.exp(dv / thermalVoltage);
        }
    }

    /**
     * Reads the {@code element} argument: {@code linear}, {@code cubic(c: 0.5)} or {@code diode(is: 0.01, vt: 0.1)}.
     *
     * @throws IllegalArgumentException with a message fit for a diagnostic
     */
    static Element parse(Value v) {
        String name;
        Map<String, Value> named;
        if (v instanceof Value.Sym s) {
            name = s.name();
            named = Map.of();
        } else if (v instanceof Value.Call c) {
            name = c.name();
            named = c.named();
        } else if (v instanceof Value.Str s) {
            name = s.value();
            named = Map.of();
        } else {
            throw new IllegalArgumentException("element must be linear, cubic(c: ...) or diode(is: ..., vt: ...), got " + v);
        }
        switch (name) {
            case "linear":
                return new Linear();
            case "cubic": {
                double c = number(named, "c", 0.5);
                if (!(c >= 0)) throw new IllegalArgumentException("cubic(c: " + c + ") needs c >= 0 to stay convex");
                return new Cubic(c);
            }
            case "diode": {
                double is = number(named, "is", 0.01), vt = number(named, "vt", 0.1);
                if (!(is > 0) || !(vt > 0))
                    throw new IllegalArgumentException("diode(is: " + is + ", vt: " + vt + ") needs is > 0 and vt > 0");
                return new Diode(is, vt);
            }
            default:
                throw new IllegalArgumentException("unknown element '" + name
                        + "': use linear, cubic(c: 0.5) or diode(is: 0.01, vt: 0.1)");
        }
    }

    private static double number(Map<String, Value> named, String key, double fallback) {
        Value v = named.get(key);
        if (v == null) return fallback;
        if (v instanceof Value.Num n) return n.base();
        throw new IllegalArgumentException("element argument '" + key + "' must be a number, got " + v);
    }
}
