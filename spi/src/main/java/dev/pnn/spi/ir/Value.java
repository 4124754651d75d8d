package dev.pnn.spi.ir;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed argument value as written in .pnn and kept in the IR: block attributes, hardware settings,
 * training-plan entries. Closed set; the text form ({@link #toString()}) is valid .pnn expression syntax.
 */
public sealed interface Value {

    /** A number, optionally with a unit ({@code 0.05 rad}, {@code 20%}, {@code 64}). */
    record Num(double value, Unit unit) implements Value {
        public Num(double value) {
            this(value, null);
        }

        public Dimension dimension() {
            return unit == null ? Dimension.DIMENSIONLESS : unit.dimension();
        }

        /** The value converted to the dimension's base unit (rad, m, fraction 1, ...). */
        public double base() {
            return unit == null ? value : unit.toBase(value);
        }

        public boolean isInteger() {
            return unit == null && value == Math.rint(value) && Math.abs(value) < 1e15;
        }

        @Override
        public String toString() {
            String n = isWhole(value) ? Long.toString((long) value) : Double.toString(value);
            if (unit == null) return n;
            return unit == Unit.PERCENT ? n + "%" : n + " " + unit.symbol();
        }

        private static boolean isWhole(double v) {
            return v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0);
        }
    }

    record Str(String value) implements Value {
        @Override
        public String toString() {
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** A bare identifier: an enum choice ({@code amplitude}), a profile or loss name. */
    record Sym(String name) implements Value {
        @Override
        public String toString() {
            return name;
        }
    }

    record Bool(boolean value) implements Value {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** Inclusive integer range {@code from..to}. */
    record Range(int from, int to) implements Value {
        public int length() {
            return to - from + 1;
        }

        @Override
        public String toString() {
            return from + ".." + to;
        }
    }

    record ListV(List<Value> items) implements Value {
        public ListV {
            items = List.copyOf(items);
        }

        @Override
        public String toString() {
            return items.toString();
        }
    }

    /** A call such as {@code gaussian(sigma: 0.05 rad)} or {@code monte_carlo(lab_chip, devices: 20)}. */
    record Call(String name, List<Value> positional, Map<String, Value> named) implements Value {
        public Call {
            positional = List.copyOf(positional);
            named = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(named));
        }

        public Optional<Value> arg(String key) {
            return Optional.ofNullable(named.get(key));
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(name).append('(');
            String sep = "";
            for (Value v : positional) {
                sb.append(sep).append(v);
                sep = ", ";
            }
            for (Map.Entry<String, Value> e : named.entrySet()) {
                sb.append(sep).append(e.getKey()).append(": ").append(e.getValue());
                sep = ", ";
            }
            return sb.append(')').toString();
        }
    }

    /**
     * An operator application: binary {@code + - * / ^} or unary {@code neg}. Composes noise models
     * ({@code shot_noise(photons: 1e4) + adc(bits: 10)}) and states formulas such as PDE residuals
     * ({@code d(u, t) + 0.5 * sigma^2 * S^2 * d(u, S, S) - r * u}).
     */
    record Op(String operator, List<Value> operands) implements Value {
        public Op {
            operands = List.copyOf(operands);
        }

        /** The operands of a chain of one operator, flattened ({@code a + b + c} gives a, b, c). */
        public List<Value> flatten() {
            java.util.ArrayList<Value> out = new java.util.ArrayList<>();
            for (Value v : operands) {
                if (v instanceof Op o && o.operator.equals(operator) && !operator.equals("neg")) out.addAll(o.flatten());
                else out.add(v);
            }
            return out;
        }

        @Override
        public String toString() {
            if (operator.equals("neg")) return "-(" + operands.get(0) + ")";
            return "(" + String.join(" " + operator + " ", operands.stream().map(Value::toString).toList()) + ")";
        }
    }
}
