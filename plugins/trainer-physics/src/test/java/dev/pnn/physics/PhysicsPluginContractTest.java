package dev.pnn.physics;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.testkit.PluginContract;

/** The testkit's plugin contract: metadata complete, current SPI, service file present, names unique per kind. */
class PhysicsPluginContractTest implements PluginContract {
    @Override
    public PnnPlugin plugin() {
        return new PhysicsPlugin();
    }
}
