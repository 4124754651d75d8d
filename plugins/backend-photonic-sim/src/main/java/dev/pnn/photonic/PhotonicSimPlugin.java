package dev.pnn.photonic;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;

import java.util.List;

/** The ideal (and, with a noise plugin, noisy) photonic simulator: MZI meshes, modulators, detectors, digital blocks. */
public final class PhotonicSimPlugin implements PnnPlugin {
    private final List<BlockType> blocks = PhotonicBlocks.all();

    @Override
    public String name() {
        return "photonic-sim";
    }

    @Override
    public List<BlockType> blocks() {
        return blocks;
    }

    @Override
    public List<Backend> backends() {
        return List.of(new PhotonicSimBackend(blocks.stream().map(BlockType::name).toList()));
    }
}
