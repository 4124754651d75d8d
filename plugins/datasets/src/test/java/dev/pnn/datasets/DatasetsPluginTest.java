package dev.pnn.datasets;

import dev.pnn.spi.PnnPlugin;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DatasetsPluginTest {
    @Test
    void pluginIsFoundWithBothDatasets() {
        PnnPlugin p = ServiceLoader.load(PnnPlugin.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x instanceof DatasetsPlugin).findFirst().orElseThrow();
        assertEquals(Set.of("digits8x8", "mnist"), p.datasets().stream().map(d -> d.name()).collect(Collectors.toSet()));
    }
}
