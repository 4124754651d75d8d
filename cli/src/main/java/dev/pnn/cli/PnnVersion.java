package dev.pnn.cli;

import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this pnn build, from a resource Maven fills in at build time. */
final class PnnVersion implements CommandLine.IVersionProvider {
    static String get() {
        try (InputStream in = PnnVersion.class.getResourceAsStream("/pnn-version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[]{"pnn " + get() + " (SPI " + dev.pnn.spi.SpiVersion.CURRENT + ", Java "
                            + System.getProperty("java.version") + ")"};
    }
}
