package dev.pnn.kerr;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;

import java.util.List;

/** Plugin {@code kerr-sim}: Kerr lattices for Hamiltonian echo backpropagation (pnn.echo). */
public final class KerrPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "kerr-sim";
    }

    @Override
    public List<BlockType> blocks() {
        return List.of(new KerrBlock());
    }

    @Override
    public List<Backend> backends() {
        return List.of(new KerrBackend());
    }
}
