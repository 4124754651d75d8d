package dev.pnn.tt;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.DeviceSummary;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import dev.pnn.spi.block.DeviceCount;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** tt_linear reports its cores as meshes next to one dense mesh; the compiler sums them per network. */
class DeviceCountTest {
    private static Value ints(int... xs) {
        return new Value.ListV(java.util.Arrays.stream(xs).mapToObj(x -> (Value) new Value.Num(x)).toList());
    }

    @Test
    void ttLinearCountsOneMeshPerCoreAgainstOneDenseMesh() {
        // 1024x1024 as 4^5 x 4^5, ranks 4 (the docs' paper-scale row): 896 MZIs against 1024² = 1,048,576
        Args args = new Args("tt_linear", Map.of("ms", ints(4, 4, 4, 4, 4), "ns", ints(4, 4, 4, 4, 4),
                "ranks", ints(1, 4, 4, 4, 4, 1)));
        Optional<DeviceCount> d = new TtLinearBlock().devices(List.of(new ValueType(Domain.REAL, 1024)), args);
        assertEquals(Optional.of(new DeviceCount("MZI", 896, 1_048_576)), d);
    }

    @Test
    void theCompilerReportsTheBlackScholesTotals() {
        Path sample = Path.of("../../samples/black_scholes.pnn");
        try (PluginManager plugins = PluginManager.load(List.of())) {
            Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(sample);
            assertTrue(c.ok(), c.render());
            // h1 16x2: 32, h2 tt 16x16 ranks [1,4,1]: 64 + 64 = 128 (dense 256), w 1x16: 16
            assertEquals(List.of(new DeviceSummary("BlackScholesNet", "MZI", 128, 256)), c.deviceSummary());
            assertEquals("network BlackScholesNet: 128 MZIs (dense equivalent 256, 2.00x)", c.deviceSummary().get(0).line());
        }
    }
}
