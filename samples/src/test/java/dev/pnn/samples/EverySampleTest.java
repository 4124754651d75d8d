package dev.pnn.samples;

import dev.pnn.cli.Main;
import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;
import dev.pnn.spi.ir.TrainingPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every {@code samples/*.pnn} checks without diagnostics, and every plan in it trains for one epoch through the
 * real command line and writes its run folder. A sample that needs a third-party plugin directory says so on a line
 * {@code // test-with: --plugins <dir>} (relative to samples/); that directory is passed to the CLI.
 */
class EverySampleTest {
    private static final Path SAMPLES = Path.of(".").toAbsolutePath().normalize();
    private static PluginManager plugins;

    @TempDir
    static Path runs;

    @BeforeAll
    static void loadPlugins() {
        plugins = PluginManager.load(List.of());
    }

    @AfterAll
    static void closePlugins() {
        plugins.close();
    }

    @TestFactory
    Stream<DynamicTest> everySampleChecksAndTrainsOneEpoch() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            files = s.filter(p -> p.toString().endsWith(".pnn")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no samples found in " + SAMPLES);
        return files.stream().flatMap(this::testsFor);
    }

    private Stream<DynamicTest> testsFor(Path file) {
        List<String> pluginArgs = pluginArgs(file);
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(DynamicTest.dynamicTest(file.getFileName() + ": check", () -> {
            Result r = cli(pluginArgs, "check", file.toString());
            assertEquals(0, r.code, () -> file.getFileName() + " has diagnostics:\n" + r.err + r.out);
        }));
        for (String plan : planNames(file, pluginArgs)) {
            tests.add(DynamicTest.dynamicTest(file.getFileName() + ": train " + plan + " for one epoch", () -> {
                Path out = runs.resolve(file.getFileName() + "-" + plan);
                Result r = cli(pluginArgs, "train", file.toString(), "--plan", plan, "--epochs", "1",
                        "--out", out.toString());
                assertEquals(0, r.code, () -> "training " + plan + " of " + file.getFileName() + " failed:\n" + r.err + r.out);
                assertTrue(Files.exists(out.resolve("summary.json")), "no summary.json in " + out);
                assertTrue(Files.exists(out.resolve("metrics.csv")), "no metrics.csv in " + out);
                if (monteCarloPlans(file, pluginArgs).contains(plan)) {
                    try (Stream<Path> evals = Files.list(out)) {
                        assertTrue(evals.anyMatch(p -> p.getFileName().toString().startsWith("eval-")
                                        && Files.exists(p.resolve("summary.json"))),
                                "the plan asks for a Monte Carlo evaluation but " + out + " has no eval-*/summary.json");
                    }
                }
            }));
        }
        return tests.stream();
    }

    /** Plans of a sample; when the sample needs a plugin directory the CLI compiles it, so list plans from text. */
    private static List<String> planNames(Path file, List<String> pluginArgs) {
        if (!pluginArgs.isEmpty()) return plansByText(file);
        Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(file);
        return c.program().map(p -> p.plans().stream().map(TrainingPlan::name).toList()).orElse(List.of());
    }

    /** Plans whose {@code evaluate} entry is a Monte Carlo evaluation ({@code pnn train} must run it). */
    private static List<String> monteCarloPlans(Path file, List<String> pluginArgs) {
        if (!pluginArgs.isEmpty()) return List.of();
        Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(file);
        return c.program().map(p -> p.plans().stream()
                .filter(plan -> plan.entry(TrainingPlan.EVALUATE)
                        .filter(v -> v instanceof dev.pnn.spi.ir.Value.Call call && call.name().equals("monte_carlo"))
                        .isPresent())
                .map(TrainingPlan::name).toList()).orElse(List.of());
    }

    private static List<String> plansByText(Path file) {
        try {
            List<String> names = new ArrayList<>();
            for (String line : Files.readAllLines(file)) {
                var m = java.util.regex.Pattern.compile("^\\s*train\\s+(\\w+)(?:\\s+as\\s+(\\w+))?").matcher(line);
                if (m.find()) names.add(m.group(2) != null ? m.group(2) : m.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> pluginArgs(Path file) {
        try {
            for (String line : Files.readAllLines(file)) {
                String t = line.trim();
                if (t.startsWith("// test-with: --plugins ")) {
                    Path dir = SAMPLES.resolve(t.substring("// test-with: --plugins ".length()).trim()).normalize();
                    return List.of("--plugins", dir.toString());
                }
            }
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(List<String> pluginArgs, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(pluginArgs);
        all.addAll(List.of(args));
        int code = Main.run(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
