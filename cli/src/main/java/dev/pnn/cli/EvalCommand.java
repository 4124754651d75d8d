package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.eval.MonteCarlo;
import dev.pnn.runtime.eval.MonteCarloReport;
import dev.pnn.runtime.eval.ParamsFile;
import dev.pnn.runtime.eval.PlanSetup;
import dev.pnn.runtime.eval.Sharpness;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code pnn eval FILE --params RUN --on PROFILE --devices M}: Monte Carlo robustness of trained parameters. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score trained parameters on M sampled device instances of a hardware profile (ALGORITHMS.md §15): "
                      + "mean, std, min, p5, median, max and a bootstrap CI of the test accuracy; writes summary.json.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./pnn eval samples/mzi_digits_sat.pnn --params runs/quick --on lab_chip --devices 20",
                "  ./pnn eval samples/mzi_digits_pat.pnn --plan sat_pat --params runs/sp --on lab_chip --sharpness"})
final class EvalCommand implements Callable<Integer> {
    @ParentCommand
    private RootCommand root;

    @Parameters(paramLabel = "FILE", description = "the .pnn file the parameters were trained from")
    private Path file;

    @Option(names = "--plan", paramLabel = "NAME", description = "which training plan (needed when the file has several)")
    private String plan;

    @Option(names = "--params", paramLabel = "RUN_DIR", required = true,
            description = "run folder written by 'pnn train' (or its params.json)")
    private Path params;

    @Option(names = "--on", paramLabel = "PROFILE",
            description = "hardware profile to sample instances of (default: the plan's evaluate entry)")
    private String on;

    @Option(names = "--devices", paramLabel = "M", description = "number of device instances (default: the plan's, else 20)")
    private Integer devices;

    @Option(names = "--seed", paramLabel = "S", description = "evaluation seed; instance i uses derive(S, \"device/i\") (default: the plan's, else 0)")
    private Long seed;

    @Option(names = "--threads", paramLabel = "T", defaultValue = "2", description = "worker threads (default ${DEFAULT-VALUE})")
    private int threads;

    @Option(names = "--sharpness", description = "also report λmax of the training-loss Hessian (ALGORITHMS.md §5)")
    private boolean sharpness;

    @Option(names = "--sharpness-samples", paramLabel = "N", defaultValue = "1024",
            description = "training examples in the fixed seeded subset for λmax (default ${DEFAULT-VALUE})")
    private int sharpnessSamples;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
            description = "run the evaluation N times and print the fastest and median wall time (a benchmark; "
                          + "the report is the same every time)")
    private int repeat;

    @Option(names = "--out", paramLabel = "DIR", description = "where summary.json goes (default RUN_DIR/eval-PROFILE)")
    private Path out;

    @Override
    public Integer call() {
        PluginManager plugins = root.plugins(true);
        Compilation c = SourceCompiler.compile(root, plugins, file);
        if (!c.ok()) return ExitCode.BAD_INPUT;
        Program program = c.program().orElseThrow();
        PlanSetup setup;
        double[] theta;
        HardwareProfile profile;
        try {
            setup = PlanSetup.of(plugins.catalog(), program, Optional.ofNullable(plan), file.toAbsolutePath().getParent());
            theta = ParamsFile.read(params, setup.graph());
            Optional<PlanSetup.MonteCarloEntry> entry = setup.monteCarloEntry();
            String name = on != null ? on : entry.map(PlanSetup.MonteCarloEntry::profile).orElseThrow(() -> new UsageError(
                    "no profile to evaluate on", "give --on PROFILE, or add 'evaluate = monte_carlo(<profile>, devices: 20);' to the plan"));
            profile = setup.profile(name);
            if (devices == null) devices = entry.map(PlanSetup.MonteCarloEntry::devices).orElse(20);
            if (seed == null) seed = entry.map(PlanSetup.MonteCarloEntry::seed).orElse(0L);
        } catch (UsageError e) {
            throw e;
        } catch (dev.pnn.spi.PnnException e) {
            throw UsageError.of(e);
        }
        if (devices < 1) throw new UsageError("--devices must be at least 1, got " + devices, "give e.g. --devices 20");
        MonteCarlo mc = setup.monteCarlo(profile);
        MonteCarlo.Config config = new MonteCarlo.Config(devices, seed, threads);
        MonteCarloReport report = mc.run(profile, theta, config);
        if (repeat > 1) {
            double[] wall = new double[repeat];
            wall[0] = report.wallSeconds();
            for (int i = 1; i < repeat; i++) wall[i] = mc.run(profile, theta, config).wallSeconds();
            java.util.Arrays.sort(wall);
            root.out().printf(java.util.Locale.ROOT, "wall time over %d runs: fastest %.3f s, median %.3f s (first run %.3f s)%n",
                    repeat, wall[0], wall[repeat / 2], report.wallSeconds());
        }
        if (sharpness)
            report = report.withSharpness(setup.sharpness(theta, sharpnessSamples, Sharpness.Options.defaults(setup.planSeed())));
        root.out().print(report.table());
        Path written = report.write(out != null ? out : (params.toFile().isDirectory() ? params : params.getParent())
                .resolve("eval-" + profile.name()));
        root.out().println("summary: " + written);
        return ExitCode.OK;
    }
}
