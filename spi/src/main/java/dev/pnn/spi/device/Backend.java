package dev.pnn.spi.device;

import dev.pnn.spi.Capability;
import dev.pnn.spi.Named;

import java.util.List;
import java.util.Set;

/** A kind of hardware (simulated or real) that can run graphs made of the blocks it names. */
public interface Backend extends Named {
    Set<Capability> capabilities();

    /** Names of the {@link dev.pnn.spi.block.BlockType}s this backend can run. */
    Set<String> blocks();

    /** Keys a hardware profile may set for this backend. */
    default List<SettingSpec> settings() {
        return List.of();
    }

    /**
     * Opens a device instance. Same request (graph, profile, seed) ⇒ same instance bit for bit.
     *
     * @throws dev.pnn.spi.PnnException when the graph cannot run here (with what to do)
     */
    Device open(DeviceRequest request);
}
