package dev.pnn.scattering;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;

import java.util.List;

/** Plugin {@code scattering-sim}: linear scattering networks made nonlinear by input-dependent detunings. */
public final class ScatteringPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "scattering-sim";
    }

    @Override
    public List<BlockType> blocks() {
        return List.of(new ScatteringBlock());
    }

    @Override
    public List<Backend> backends() {
        return List.of(new ScatteringBackend());
    }
}
