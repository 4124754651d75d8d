package dev.pnn.scattering;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.BackendContract;

import java.util.List;
import java.util.Map;

/** The testkit's backend contract for scattering_sim (5 lossy resonators). */
class ScatteringBackendContractTest implements BackendContract {
    @Override
    public Backend backend() {
        return new ScatteringPlugin().backends().get(0);
    }

    @Override
    public List<BlockType> blockTypes() {
        return new ScatteringPlugin().blocks();
    }

    @Override
    public Map<String, Value> requiredArgs(String block) {
        return Map.of("modes", new Value.Num(5), "outputs", new Value.Num(2), "gamma", new Value.Num(0.1),
                "tap", new Value.Num(0.3));
    }
}
