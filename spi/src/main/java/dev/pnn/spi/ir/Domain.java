package dev.pnn.spi.ir;

/**
 * The physical domain a value lives in. Not a closed set: plugins add domains (e.g. "acoustic", "spin").
 * Crossing from one domain to another needs a physical block (modulator, detector, ADC).
 *
 * @param name    name as written in .pnn type annotations ({@code field[64]})
 * @param complex whether values carry a phase (stored as separate real and imaginary arrays)
 */
public record Domain(String name, boolean complex) {
    /** Electrical or digital real numbers. */
    public static final Domain REAL = new Domain("real", false);
    /** Optical complex field amplitude. */
    public static final Domain FIELD = new Domain("field", true);

    @Override
    public String toString() {
        return name;
    }
}
