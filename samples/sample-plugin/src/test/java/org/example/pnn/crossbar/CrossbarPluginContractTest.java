package org.example.pnn.crossbar;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.testkit.PluginContract;

/** Metadata complete, built for the current SPI, listed in META-INF/services, names unique. */
class CrossbarPluginContractTest implements PluginContract {
    @Override
    public PnnPlugin plugin() {
        return new CrossbarPlugin();
    }
}
