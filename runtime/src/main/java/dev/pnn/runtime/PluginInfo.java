package dev.pnn.runtime;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A plugin that loaded: its name and version, and where it came from.
 *
 * @param location the jar or folder it was loaded from, empty for the application class path
 */
public record PluginInfo(String name, String version, int spiVersion, Optional<Path> location) {
    /** "photonic-sim (classpath)" or "acme (plugins/acme.jar)": how registries and messages name it. */
    public String source() {
        return name + " (" + location.map(Path::toString).orElse("classpath") + ")";
    }
}
