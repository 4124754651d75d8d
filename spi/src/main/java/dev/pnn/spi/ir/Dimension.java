package dev.pnn.spi.ir;

/** The physical dimension of a quantity; units of one dimension convert into each other. */
public enum Dimension {
    DIMENSIONLESS, ANGLE, LENGTH, TEMPERATURE, LEVEL, POWER, FRACTION, TIME, CURRENT, RESISTANCE, FREQUENCY;

    public String label() {
        return name().toLowerCase();
    }
}
