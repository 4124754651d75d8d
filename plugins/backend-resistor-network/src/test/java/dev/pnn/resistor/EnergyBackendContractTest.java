package dev.pnn.resistor;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.Value;
import dev.pnn.testkit.BackendContract;

import java.util.List;
import java.util.Map;

/** The testkit's backend contract for energy_sim (small networks: the FD check costs 2·|θ| relaxations). */
class EnergyBackendContractTest implements BackendContract {
    @Override
    public Backend backend() {
        return new EnergyPlugin().backends().get(0);
    }

    @Override
    public List<BlockType> blockTypes() {
        return new EnergyPlugin().blocks();
    }

    @Override
    public Map<String, Value> requiredArgs(String block) {
        return block.equals(EnergyBlocks.HOPFIELD)
                ? Map.of("hidden", new Value.Num(3), "outputs", new Value.Num(2))
                : Map.of("nodes", new Value.Num(4), "outputs", new Value.Num(2),
                "element", new Value.Call("cubic", List.of(), Map.of("c", new Value.Num(0.5))));
    }
}
