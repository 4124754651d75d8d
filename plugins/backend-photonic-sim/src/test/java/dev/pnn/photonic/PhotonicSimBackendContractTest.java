package dev.pnn.photonic;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.testkit.BackendContract;

import java.util.List;

/** The testkit's backend contract on photonic_sim: every block it offers, on small generated graphs. */
class PhotonicSimBackendContractTest implements BackendContract {
    private final PhotonicSimPlugin plugin = new PhotonicSimPlugin();

    @Override
    public Backend backend() {
        return plugin.backends().get(0);
    }

    @Override
    public List<BlockType> blockTypes() {
        return plugin.blocks();
    }
}
