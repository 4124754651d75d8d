package dev.pnn.resistor;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;

import java.util.List;

/** Plugin {@code energy-sim}: resistive and Hopfield-style networks that relax to equilibrium (pnn.energy). */
public final class EnergyPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "energy-sim";
    }

    @Override
    public List<BlockType> blocks() {
        return EnergyBlocks.all();
    }

    @Override
    public List<Backend> backends() {
        return List.of(new EnergySimBackend());
    }
}
