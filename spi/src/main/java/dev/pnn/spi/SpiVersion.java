package dev.pnn.spi;

/**
 * The SPI's compatibility number. A plugin built against another major SPI version is refused at load time with
 * a clear error instead of failing later with a LinkageError.
 */
public final class SpiVersion {
    /** Bumped on every incompatible SPI change. */
    public static final int CURRENT = 1;

    private SpiVersion() {
    }
}
