package dev.pnn.photonic;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import dev.pnn.spi.noise.NoiseModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Block signatures, shape rules and the backend declaration. */
class PhotonicSimPluginTest {
    private final PnnPlugin plugin = new PhotonicSimPlugin();

    private BlockType block(String name) {
        return plugin.blocks().stream().filter(b -> b.name().equals(name)).findFirst().orElseThrow();
    }

    private static Args args(String owner, Object... kv) {
        Map<String, Value> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], (Value) kv[i + 1]);
        return new Args(owner, m);
    }

    @Test
    void isFoundByServiceLoader() {
        assertTrue(ServiceLoader.load(PnnPlugin.class).stream().anyMatch(p -> p.type() == PhotonicSimPlugin.class));
    }

    @Test
    void blocksLiveInTheAgreedModulesAndDomains() {
        Map<String, String> modules = Map.of("modulate", "photonics", "clements", "photonics", "reck", "photonics",
                "photodetect", "photonics", "take", "core", "gain", "core", "linear", "core", "bias", "core",
                "relu", "core", "tanh", "core");
        assertEquals(modules.keySet(), Set.copyOf(plugin.blocks().stream().map(BlockType::name).toList()));
        for (BlockType b : plugin.blocks()) assertEquals(modules.get(b.name()), b.module(), b.name());
        assertEquals(List.of(Domain.REAL), block("modulate").inputs());
        assertEquals(Domain.FIELD, block("modulate").output());
        assertEquals(Domain.REAL, block("photodetect").output());
        assertTrue(block("photodetect").converts());
        assertFalse(block("clements").converts());
        assertEquals(List.of("amplitude", "phase"), block("modulate").args().get(0).choices());
    }

    @Test
    void meshesHaveNSquaredUniformPhases() {
        Shaping.Ok ok = (Shaping.Ok) block("clements").shape(List.of(ValueType.field(64)),
                args("clements", "modes", new Value.Num(64)));
        assertEquals(64, ok.width());
        ParamSpec p = ok.params().get(0);
        assertEquals("phases", p.name());
        assertEquals(4096, p.length());
        assertTrue(p.periodic());
        assertEquals(new Init.Uniform(0, 2 * Math.PI), p.init());
        Shaping.Ok reck = (Shaping.Ok) block("reck").shape(List.of(ValueType.field(5)), args("reck"));
        assertEquals(25, reck.params().get(0).length());
    }

    @Test
    void clementsModesMustMatchTheInputNamingBothShapes() {
        Shaping s = block("clements").shape(List.of(ValueType.field(32)), args("clements", "modes", new Value.Num(64)));
        Shaping.Mismatch m = assertInstanceOf(Shaping.Mismatch.class, s);
        assertTrue(m.message().contains("field[64]") && m.message().contains("field[32]"), m.message());
        assertEquals("modes", m.argument());
    }

    @Test
    void takeChecksItsRangeAgainstTheInput() {
        Shaping.Ok ok = (Shaping.Ok) block("take").shape(List.of(ValueType.real(64)),
                args("take", "indices", new Value.Range(0, 9)));
        assertEquals(10, ok.width());
        Shaping.Mismatch m = assertInstanceOf(Shaping.Mismatch.class, block("take").shape(List.of(ValueType.real(8)),
                args("take", "indices", new Value.Range(0, 9))));
        assertTrue(m.message().contains("real[8]") && m.message().contains("real[10]"), m.message());
        assertEquals("indices", m.argument());
    }

    @Test
    void digitalBlocksDeclareTheirParameters() {
        Shaping.Ok gain = (Shaping.Ok) block("gain").shape(List.of(ValueType.real(10)), args("gain", "init", new Value.Num(10)));
        assertEquals(new Init.Constant(10), gain.params().get(0).init());
        assertEquals("gamma", gain.params().get(0).name());
        Shaping.Ok lin = (Shaping.Ok) block("linear").shape(List.of(ValueType.real(16)),
                args("linear", "out", new Value.Num(4), "bias", new Value.Bool(true)));
        assertEquals(4, lin.width());
        assertEquals(List.of(4, 16), lin.params().get(0).shape());
        assertEquals(new Init.Normal(0, 0.25), lin.params().get(0).init());
        assertEquals(List.of(4), lin.params().get(1).shape());
        Shaping.Ok noBias = (Shaping.Ok) block("linear").shape(List.of(ValueType.real(16)),
                args("linear", "out", new Value.Num(4), "bias", new Value.Bool(false)));
        assertEquals(1, noBias.params().size());
        Shaping.Ok bias = (Shaping.Ok) block("bias").shape(List.of(ValueType.real(7)), args("bias"));
        assertEquals(7, bias.params().get(0).length());
        assertTrue(((Shaping.Ok) block("relu").shape(List.of(ValueType.real(3)), args("relu"))).params().isEmpty());
    }

    @Test
    void backendDeclaresCapabilitiesBlocksAndNoiseKeys() {
        Backend b = plugin.backends().get(0);
        assertEquals("photonic_sim", b.name());
        assertEquals(Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS, Capability.NOISE, Capability.RESERVOIR),
                b.capabilities());
        assertEquals(Set.copyOf(plugin.blocks().stream().map(BlockType::name).toList()), b.blocks());
        Map<String, List<String>> roles = Map.of("phase_error", List.of("static"), "splitter_error", List.of("static"),
                "crosstalk", List.of("crosstalk"), "insertion_loss", List.of("loss"), "detector", List.of("signal"),
                "dac", List.of("dac"), "drift", List.of("drift"));
        assertEquals(roles.keySet(), Set.copyOf(b.settings().stream().map(SettingSpec::key).toList()));
        for (SettingSpec s : b.settings()) assertEquals(roles.get(s.key()), s.noiseRoles(), s.key());
    }

    /** A model that cannot act as a static error (here: a bare NoiseModel) is refused, naming the setting. */
    @Test
    void noiseModelOfTheWrongKindIsRefused() {
        Graph g = new NetBuilder().input("x", ValueType.real(4)).then("e", "modulate").then("m", "clements").build();
        HardwareProfile lab = new HardwareProfile("lab", "photonic_sim",
                Map.of("phase_error", new Value.Call("gaussian", List.of(), Map.of("sigma", new Value.Num(0.05)))), Loc.NONE);
        NoiseModel noisy = new NoiseModel() {
            public String describe() {
                return "gaussian(sigma: 0.05)";
            }

            public boolean isIdeal() {
                return false;
            }
        };
        Backend b = plugin.backends().get(0);
        PnnException e = assertThrows(PnnException.class, () -> b.open(new DeviceRequest(g, lab, 1, v -> List.of(noisy))));
        assertTrue(e.getMessage().contains("phase_error"), e.getMessage());
    }
}
