package dev.pnn.tt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.ForwardView;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Relative L2 error of a finished {@code ./pnn train} run of a physics-informed plan against the plan's
 * {@code solution}: {@code EvaluateRun <file.pnn> <plan> <run dir>} (reads the run's params.json).
 */
public final class EvaluateRun {
    public static void main(String[] a) throws Exception {
        try (PluginManager plugins = PluginManager.load(List.of())) {
            Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(Path.of(a[0]));
            if (!c.ok()) {
                System.err.println(c.render());
                System.exit(2);
            }
            Program program = c.program().get();
            TrainingPlan plan = program.plan(a[1]).orElseThrow();
            Graph g = program.graph(plan.network()).orElseThrow();
            JsonNode root = new ObjectMapper().readTree(Path.of(a[2], "params.json").toFile());
            double[] theta = new double[g.paramCount()];
            for (JsonNode s : root.get("slices")) {
                int off = s.get("offset").asInt(), i = 0;
                for (JsonNode v : s.get("values")) theta[off + i++] = v.asDouble();
            }
            TtDevice dev = (TtDevice) new PhotonicTtBackend().open(new DeviceRequest(g,
                    new HardwareProfile("ideal", PhotonicTtBackend.NAME, Map.of(), Loc.NONE), 0, v -> List.of()));
            var cmp = new PinnObjective(PdeProblem.from(plan)).compare(theta, dev.view(ForwardView.class));
            System.out.printf(Locale.ROOT, "%s %s: relative L2 %.4e, max abs %.3f over %d points%n", a[0], a[1],
                    cmp.relativeL2(), cmp.maxAbs(), cmp.points());
        }
    }
}
