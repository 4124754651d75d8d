package dev.pnn.noise;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.testkit.PluginContract;

/** Metadata, service file and unique names of the noise-standard plugin. */
class StandardNoisePluginContractTest implements PluginContract {
    @Override
    public PnnPlugin plugin() {
        return new StandardNoisePlugin();
    }
}
