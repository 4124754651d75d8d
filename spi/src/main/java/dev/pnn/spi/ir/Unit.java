package dev.pnn.spi.ir;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Units a .pnn quantity may carry. {@link #toBase(double)} converts to the dimension's base unit
 * (rad, m, K, dB, W, fraction 1, s, A, ohm, Hz).
 */
public enum Unit {
    RAD("rad", Dimension.ANGLE, 1.0, 0.0),
    DEG("deg", Dimension.ANGLE, Math.PI / 180.0, 0.0),
    M("m", Dimension.LENGTH, 1.0, 0.0),
    MM("mm", Dimension.LENGTH, 1e-3, 0.0),
    UM("um", Dimension.LENGTH, 1e-6, 0.0),
    NM("nm", Dimension.LENGTH, 1e-9, 0.0),
    PM("pm", Dimension.LENGTH, 1e-12, 0.0),
    KELVIN("K", Dimension.TEMPERATURE, 1.0, 0.0),
    DEG_C("degC", Dimension.TEMPERATURE, 1.0, 273.15),
    DB("dB", Dimension.LEVEL, 1.0, 0.0),
    W("W", Dimension.POWER, 1.0, 0.0),
    MW("mW", Dimension.POWER, 1e-3, 0.0),
    UW("uW", Dimension.POWER, 1e-6, 0.0),
    PERCENT("%", Dimension.FRACTION, 0.01, 0.0),
    S("s", Dimension.TIME, 1.0, 0.0),
    MS("ms", Dimension.TIME, 1e-3, 0.0),
    US("us", Dimension.TIME, 1e-6, 0.0),
    NS("ns", Dimension.TIME, 1e-9, 0.0),
    A("A", Dimension.CURRENT, 1.0, 0.0),
    MA("mA", Dimension.CURRENT, 1e-3, 0.0),
    OHM("ohm", Dimension.RESISTANCE, 1.0, 0.0),
    KOHM("kohm", Dimension.RESISTANCE, 1e3, 0.0),
    HZ("Hz", Dimension.FREQUENCY, 1.0, 0.0),
    GHZ("GHz", Dimension.FREQUENCY, 1e9, 0.0),
    THZ("THz", Dimension.FREQUENCY, 1e12, 0.0);

    private final String symbol;
    private final Dimension dimension;
    private final double scale;
    private final double offset;

    Unit(String symbol, Dimension dimension, double scale, double offset) {
        this.symbol = symbol;
        this.dimension = dimension;
        this.scale = scale;
        this.offset = offset;
    }

    public String symbol() {
        return symbol;
    }

    public Dimension dimension() {
        return dimension;
    }

    public double toBase(double value) {
        return value * scale + offset;
    }

    public double fromBase(double base) {
        return (base - offset) / scale;
    }

    public static Optional<Unit> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(u -> u.symbol.equals(symbol)).findFirst();
    }

    public static List<String> symbols() {
        return Arrays.stream(values()).map(Unit::symbol).toList();
    }
}
