package dev.pnn.noise;

import dev.pnn.spi.PnnException;

/** Argument checks shared by the noise models; each failure says which model, what value and what to write. */
final class Checks {
    private Checks() {
    }

    static double nonNegative(String model, String arg, double v) {
        if (!(v >= 0) || Double.isInfinite(v))
            throw new PnnException(model + ": " + arg + " must be a finite number ≥ 0, got " + v,
                    "write e.g. " + model + "(" + arg + ": 0.05)");
        return v;
    }

    static double positive(String model, String arg, double v) {
        if (!(v > 0))
            throw new PnnException(model + ": " + arg + " must be > 0, got " + v,
                    "write e.g. " + model + "(" + arg + ": 1e4)");
        return v;
    }

    static int bits(String model, int bits) {
        if (bits < 1 || bits > 52)
            throw new PnnException(model + ": bits must be between 1 and 52, got " + bits,
                    "write e.g. " + model + "(bits: 8)");
        return bits;
    }
}
