package dev.pnn.kerr;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.BackendContract;

import java.util.List;
import java.util.Map;

/** The testkit's backend contract for kerr_sim (a short 5-site lattice with two field segments). */
class KerrBackendContractTest implements BackendContract {
    @Override
    public Backend backend() {
        return new KerrPlugin().backends().get(0);
    }

    @Override
    public List<BlockType> blockTypes() {
        return new KerrPlugin().blocks();
    }

    @Override
    public Map<String, Value> requiredArgs(String block) {
        return Map.of("sites", new Value.Num(5), "steps", new Value.Num(40), "dt", new Value.Num(0.1),
                "segments", new Value.Num(2));
    }
}
