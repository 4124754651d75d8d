package dev.pnn.testkit;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Program;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * End-to-end checks of plugins through the real language: compile a {@code .pnn} string against a set of plugins,
 * train a few epochs, assert on the diagnostics and on the metrics.
 *
 * <pre>{@code
 * PnnTestKit kit = PnnTestKit.withClasspathPlugins().withData("blobs", split);
 * PnnTestKit.Run run = kit.train("""
 *         use crossbar;
 *         network Net { input x : real[4]; output y = crossbar(x, out: 3); }
 *         train Net { data = blobs; loss = cross_entropy; trainer = backprop; optimizer = adam(lr: 0.05);
 *                     epochs = 5; batch = 16; seed = 0; on = rram_ideal; }
 *         """, 5);
 * assertTrue(run.last().testAccuracy() > 0.9);
 * }</pre>
 *
 * <p>Needs {@code dev.pnn:pnn-runtime} on the test class path (see {@link Toolchain} for why the testkit does not
 * bring it itself). Run folders go to a temporary directory.
 */
public final class PnnTestKit {
    private final List<PnnPlugin> plugins;

    private PnnTestKit(List<PnnPlugin> plugins) {
        this.plugins = List.copyOf(plugins);
    }

    /** Exactly these plugins (plus nothing else). */
    public static PnnTestKit withPlugins(PnnPlugin... plugins) {
        return new PnnTestKit(List.of(plugins));
    }

    /** Every plugin on the test class path ({@link ServiceLoader}), as pnn's built-ins are found. */
    public static PnnTestKit withClasspathPlugins() {
        List<PnnPlugin> found = new ArrayList<>();
        ServiceLoader.load(PnnPlugin.class, PnnTestKit.class.getClassLoader()).forEach(found::add);
        return new PnnTestKit(found);
    }

    /** These plugins and one more. */
    public PnnTestKit with(PnnPlugin plugin) {
        List<PnnPlugin> all = new ArrayList<>(plugins);
        all.add(plugin);
        return new PnnTestKit(all);
    }

    /** Adds an in-memory data set, usable in a plan as {@code data = <name>;}. */
    public PnnTestKit withData(String name, DataSplit split) {
        DatasetFactory factory = new DatasetFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return "in-memory data set of a PnnTestKit test";
            }

            @Override
            public List<ArgSpec> args() {
                return List.of();
            }

            @Override
            public DataSplit load(Args args, Path baseDir) {
                return split;
            }
        };
        return with(new PnnPlugin() {
            @Override
            public String name() {
                return "testkit-data-" + name;
            }

            @Override
            public List<DatasetFactory> datasets() {
                return List.of(factory);
            }
        });
    }

    public Catalog catalog() {
        return Catalog.of(plugins);
    }

    /** What compiling a source gave: the program when there were no errors, and every diagnostic. */
    public record Compiled(boolean ok, Optional<Program> program, List<String> messages, String rendered) {
        public Compiled assertOk() {
            if (!ok) throw new AssertionError("the source does not compile:\n" + rendered);
            return this;
        }

        /** Fails unless some diagnostic message contains {@code text}. */
        public Compiled assertDiagnostic(String text) {
            if (messages.stream().noneMatch(m -> m.contains(text)))
                throw new AssertionError("no diagnostic contains '" + text + "'; got:\n" + (rendered.isEmpty() ? "(none)" : rendered));
            return this;
        }
    }

    /** The metrics of one epoch (NaN where they do not apply). */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
    }

    /** How a training run ended. */
    public record Run(Path runDir, List<Epoch> history, Optional<PnnException> stopped, double[] params) {
        public Epoch first() {
            return history.get(0);
        }

        public Epoch last() {
            return history.get(history.size() - 1);
        }

        public Run assertCompleted() {
            stopped.ifPresent(e -> {
                throw new AssertionError("training stopped early: " + e.getMessage(), e);
            });
            return this;
        }
    }

    public Compiled compile(String source) {
        return Toolchain.compile(catalog(), "test.pnn", source);
    }

    /** Compiles (failing on any error) and trains the source's only plan for {@code epochs} epochs. */
    public Run train(String source, int epochs) {
        return train(source, epochs, null);
    }

    public Run train(String source, int epochs, String plan) {
        Program program = compile(source).assertOk().program().orElseThrow();
        try {
            Path dir = Files.createTempDirectory("pnn-testkit-run");
            return Toolchain.train(catalog(), program, dir, dir.resolve("run"), epochs, plan);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
