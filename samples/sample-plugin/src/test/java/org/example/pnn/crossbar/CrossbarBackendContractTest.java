package org.example.pnn.crossbar;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.BackendContract;

import java.util.List;
import java.util.Map;

/**
 * The testkit's backend contract on crossbar_sim: VJPs of both blocks against finite differences, determinism,
 * untouched arguments, honest capabilities and finite outputs on edge inputs, on the ideal and a noisy chip.
 */
class CrossbarBackendContractTest implements BackendContract {
    private final CrossbarPlugin plugin = new CrossbarPlugin();

    @Override
    public Backend backend() {
        return plugin.backends().get(0);
    }

    @Override
    public List<BlockType> blockTypes() {
        return plugin.blocks();
    }

    /** {@code out} has no generic value the contract could guess well; 3 outputs keep the FD check small. */
    @Override
    public Map<String, Value> requiredArgs(String block) {
        return block.equals("crossbar") ? Map.of("out", new Value.Num(3)) : Map.of();
    }

    @Override
    public List<HardwareProfile> profiles() {
        return List.of(idealProfile(), new HardwareProfile("noisy_chip", backend().name(), Map.of(
                "program_noise", new Value.Num(0.05), "read_noise", new Value.Num(0.02)), Loc.NONE));
    }
}
