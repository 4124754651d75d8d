package dev.pnn.spi.ir;

/** How a parameter slice is initialized before training (seeded by the plan's seed and the slice name). */
public sealed interface Init {
    record Uniform(double low, double high) implements Init {
        @Override
        public String toString() {
            return "uniform(" + low + ", " + high + ")";
        }
    }

    record Normal(double mean, double std) implements Init {
        @Override
        public String toString() {
            return "normal(" + mean + ", " + std + ")";
        }
    }

    record Constant(double value) implements Init {
        @Override
        public String toString() {
            return "constant(" + value + ")";
        }
    }
}
