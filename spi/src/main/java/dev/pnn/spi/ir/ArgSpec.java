package dev.pnn.spi.ir;

import java.util.List;

/**
 * Declares one named argument of a block, trainer, optimizer, loss, dataset or noise model, so the compiler can
 * check kinds, units and choices before anything runs and fill in defaults.
 *
 * @param dimension for {@link Kind#QUANTITY}: the physical dimension expected; a plain number is accepted and
 *                  read in the dimension's base unit
 * @param fallback  default value, or {@code null} when the argument is required
 * @param choices   for {@link Kind#SYMBOL}: the allowed names (empty = any name)
 */
public record ArgSpec(String name, Kind kind, Dimension dimension, Value fallback, List<String> choices, String doc) {
    public enum Kind { INT, NUMBER, QUANTITY, BOOL, SYMBOL, STRING, RANGE, LIST, CALL, ANY }

    public ArgSpec {
        choices = List.copyOf(choices);
    }

    public boolean required() {
        return fallback == null;
    }

    public static ArgSpec integer(String name, Integer fallback, String doc) {
        return new ArgSpec(name, Kind.INT, Dimension.DIMENSIONLESS, fallback == null ? null : new Value.Num(fallback), List.of(), doc);
    }

    public static ArgSpec number(String name, Double fallback, String doc) {
        return new ArgSpec(name, Kind.NUMBER, Dimension.DIMENSIONLESS, fallback == null ? null : new Value.Num(fallback), List.of(), doc);
    }

    public static ArgSpec quantity(String name, Dimension dimension, Value.Num fallback, String doc) {
        return new ArgSpec(name, Kind.QUANTITY, dimension, fallback, List.of(), doc);
    }

    public static ArgSpec bool(String name, boolean fallback, String doc) {
        return new ArgSpec(name, Kind.BOOL, Dimension.DIMENSIONLESS, new Value.Bool(fallback), List.of(), doc);
    }

    public static ArgSpec symbol(String name, String fallback, List<String> choices, String doc) {
        return new ArgSpec(name, Kind.SYMBOL, Dimension.DIMENSIONLESS, fallback == null ? null : new Value.Sym(fallback), choices, doc);
    }

    public static ArgSpec string(String name, String fallback, String doc) {
        return new ArgSpec(name, Kind.STRING, Dimension.DIMENSIONLESS, fallback == null ? null : new Value.Str(fallback), List.of(), doc);
    }

    public static ArgSpec range(String name, String doc) {
        return new ArgSpec(name, Kind.RANGE, Dimension.DIMENSIONLESS, null, List.of(), doc);
    }

    public static ArgSpec list(String name, Value.ListV fallback, String doc) {
        return new ArgSpec(name, Kind.LIST, Dimension.DIMENSIONLESS, fallback, List.of(), doc);
    }

    public static ArgSpec call(String name, Value fallback, String doc) {
        return new ArgSpec(name, Kind.CALL, Dimension.DIMENSIONLESS, fallback, List.of(), doc);
    }

    public static ArgSpec any(String name, Value fallback, String doc) {
        return new ArgSpec(name, Kind.ANY, Dimension.DIMENSIONLESS, fallback, List.of(), doc);
    }
}
