package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.eval.RobustnessSweep;
import dev.pnn.runtime.eval.Sharpness;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code pnn sweep FILE}: trains every plan of FILE and scores each on M instances of a profile at each σ of a grid
 * (ALGORITHMS.md §15 error sweep), with λ_max; writes sweep.json, sweep.md and sweep.png, and optionally splices the
 * table into a markdown document between {@code <!-- sweep:begin -->} and {@code <!-- sweep:end -->}.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Robustness sweep: train every plan of FILE, then Monte Carlo accuracy over M instances of a profile "
                      + "at each phase-error sigma, plus λmax; writes a table and a plot.",
        footerHeading = "%nExample:%n",
        footer = {"  ./pnn sweep samples/mzi_digits_sweep.pnn --on lab_chip --sigmas 0,0.02,0.05,0.1 --devices 20 "
                  + "--out docs/robustness --doc docs/robustness.md"})
final class SweepCommand implements Callable<Integer> {
    static final String BEGIN = "<!-- sweep:begin -->", END = "<!-- sweep:end -->";

    static String begin(String marker) {
        return "<!-- " + marker + ":begin -->";
    }

    static String end(String marker) {
        return "<!-- " + marker + ":end -->";
    }

    @ParentCommand
    private RootCommand root;

    @Parameters(paramLabel = "FILE", description = "a .pnn file whose plans are the methods to compare")
    private Path file;

    @Option(names = "--on", paramLabel = "PROFILE", required = true, description = "profile whose instances are sampled")
    private String on;

    @Option(names = "--key", paramLabel = "SETTING", defaultValue = "phase_error",
            description = "static error setting replaced by gaussian(sigma: σ rad) (default ${DEFAULT-VALUE})")
    private String key;

    @Option(names = "--sigmas", paramLabel = "S,S,...", split = ",", required = true, description = "σ grid in rad")
    private List<Double> sigmas;

    @Option(names = "--devices", paramLabel = "M", defaultValue = "20", description = "instances per σ (default ${DEFAULT-VALUE})")
    private int devices;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "evaluation seed (default ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "worker threads (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--epochs", paramLabel = "N", description = "override every plan's epochs")
    private Integer epochs;

    @Option(names = "--sharpness-samples", paramLabel = "N", defaultValue = "1024",
            description = "training examples for λmax (default ${DEFAULT-VALUE})")
    private int sharpnessSamples;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/sweep", description = "where sweep.json, sweep.md and sweep.png go (default ${DEFAULT-VALUE})")
    private Path out;

    @Option(names = "--runs", paramLabel = "DIR", defaultValue = "runs/sweep",
            description = "where the plans' run folders go (default ${DEFAULT-VALUE})")
    private Path runs;

    @Option(names = "--marker", paramLabel = "NAME", defaultValue = "sweep",
            description = "the doc block to replace: <!-- NAME:begin --> ... <!-- NAME:end --> (default ${DEFAULT-VALUE})")
    private String marker;

    @Option(names = "--doc", paramLabel = "FILE.md", description = "markdown file whose sweep block is replaced by the results")
    private Path doc;

    @Override
    public Integer call() {
        if (devices < 1) throw new UsageError("--devices must be at least 1, got " + devices, "give e.g. --devices 20");
        if (epochs != null && epochs < 1) throw new UsageError("--epochs must be at least 1", "give a positive number");
        PluginManager plugins = root.plugins(true);
        Compilation c = SourceCompiler.compile(root, plugins, file);
        if (!c.ok()) return ExitCode.BAD_INPUT;
        Program program = c.program().orElseThrow();
        if (program.profile(on).isEmpty())
            throw new UsageError("no hardware profile '" + on + "' in " + file, "name a profile declared in the file");
        RobustnessSweep.Config config = new RobustnessSweep.Config(on, key, sigmas, devices, seed, threads,
                epochs, sharpnessSamples,
                Sharpness.Options.defaults(0));
        RobustnessSweep.Result result = RobustnessSweep.run(plugins.catalog(), program,
                file.toAbsolutePath().getParent(), out, runs, config, root.out()::println);
        String table = RobustnessSweep.markdown(result);
        Path png = out.resolve("sweep.png");
        SweepPlot.write(result, png);
        String block = describe(result, png) + "\n" + table;
        write(out.resolve("sweep.md"), block);
        root.out().print(table);
        if (doc != null) splice(doc, block, marker);
        root.out().println("wrote " + out.resolve("sweep.json") + ", " + out.resolve("sweep.md") + ", " + png
                           + (doc == null ? "" : "; updated " + doc));
        return ExitCode.OK;
    }

    private String describe(RobustnessSweep.Result r, Path png) {
        String rel = doc == null ? png.toString()
                : doc.toAbsolutePath().getParent().relativize(png.toAbsolutePath()).toString();
        return "Generated by `./pnn sweep " + file + " --on " + on + " --key " + key + " --sigmas "
               + String.join(",", sigmas.stream().map(String::valueOf).toList()) + " --devices " + devices
               + " --seed " + seed + (epochs == null ? "" : " --epochs " + epochs) + "`. Accuracy in % on the "
               + "test set, mean / min over " + devices + " instances drawn from derive(" + seed
               + ", \"device/i\") with `" + key + " = gaussian(sigma: σ rad)` (angle reading, standard deviation); "
               + "column *on " + on + " A* is the test accuracy on chip A, the instance of `" + on + "` exactly as the file "
               + "writes it, drawn with derive(plan seed, \"device\"): the chip that plans with `on = " + on + "` train on "
               + "(ALGORITHMS.md §15 transfer protocol: train online on A, score on A and on fresh chips B_i); "
               + "λmax of the training loss (θ parameterization, phases in rad) on " + sharpnessSamples
               + " seeded training samples, power iteration on central-difference HVPs of backprop (tol 1e-10). "
               + "Train s/epoch is the median training time of an epoch, evaluation excluded.\n\n"
               + "![accuracy vs phase error](" + rel + ")\n";
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new PnnException("cannot write " + file + ": " + e.getMessage(), "check that the folder is writable");
        }
    }

    private static void splice(Path doc, String block, String marker) {
        String begin = begin(marker), end = end(marker);
        try {
            String text = Files.readString(doc);
            int b = text.indexOf(begin), e = text.indexOf(end);
            if (b < 0 || e < b)
                throw new UsageError(doc + " has no " + begin + " ... " + end + " block", "add the two markers where the table goes");
            Files.writeString(doc, text.substring(0, b + begin.length()) + "\n" + block + text.substring(e));
        } catch (IOException e) {
            throw new PnnException("cannot update " + doc + ": " + e.getMessage(), "check the file");
        }
    }
}
