package dev.pnn.spi.ir;

/**
 * The static type of a signal between blocks: a domain and a width (one sample is a vector of {@code width}
 * numbers; a batch is {@code batch × width}). Two-dimensional grids are flattened row-major.
 */
public record ValueType(Domain domain, int width) {
    public ValueType {
        if (width < 0) throw new IllegalArgumentException("width must be >= 0, got " + width);
    }

    public static ValueType real(int width) {
        return new ValueType(Domain.REAL, width);
    }

    public static ValueType field(int width) {
        return new ValueType(Domain.FIELD, width);
    }

    @Override
    public String toString() {
        return domain.name() + "[" + width + "]";
    }
}
