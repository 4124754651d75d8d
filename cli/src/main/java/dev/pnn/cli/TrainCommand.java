package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.runtime.PluginInfo;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.RunInfo;
import dev.pnn.runtime.TrainingOptions;
import dev.pnn.runtime.TrainingResult;
import dev.pnn.runtime.TrainingSession;
import dev.pnn.runtime.eval.PlanEvaluation;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code pnn train FILE}: compile, then run one training plan, writing a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a plan of a .pnn file. Writes metrics.csv, a checkpoint per epoch, params.json and "
                      + "summary.json to the run folder (default runs/<plan>-<yyyyMMdd-HHmmss>/).",
        footerHeading = "%nExamples:%n",
        footer = {"  ./pnn train samples/mzi_digits.pnn",
                "  ./pnn train samples/mzi_digits.pnn --epochs 5 --out runs/quick",
                "  ./pnn train samples/mzi_digits.pnn --resume runs/quick --epochs 10   continue to epoch 10"})
final class TrainCommand implements Callable<Integer> {
    @ParentCommand
    private RootCommand root;

    @Parameters(paramLabel = "FILE", description = "the .pnn file")
    private Path file;

    @Option(names = "--plan", paramLabel = "NAME", description = "which training plan (needed when the file has several)")
    private String plan;

    @Option(names = "--epochs", paramLabel = "N", description = "train N epochs in total instead of the plan's number")
    private Integer epochs;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default runs/<plan>-<yyyyMMdd-HHmmss>/)")
    private Path out;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "continue the run in DIR from its last checkpoint (bit-identical to an uninterrupted run)")
    private Path resume;

    @Override
    public Integer call() {
        if (epochs != null && epochs < 1) throw new UsageError("--epochs must be at least 1, got " + epochs, "give a positive number");
        if (resume != null && !Files.isDirectory(resume))
            throw new UsageError("run folder not found: " + resume, "--resume expects a run folder written by 'pnn train'");
        PluginManager plugins = root.plugins(true);
        Compilation c = SourceCompiler.compile(root, plugins, file);
        if (!c.ok()) return ExitCode.BAD_INPUT;
        Program program = c.program().orElseThrow();
        if (plan != null && program.plan(plan).isEmpty())
            throw new UsageError("no training plan named '" + plan + "' in " + file,
                    program.plans().isEmpty() ? "the file has no 'train' block"
                            : "plans in this file: " + String.join(", ", program.plans().stream().map(TrainingPlan::name).toList()));

        TrainingOptions options = TrainingOptions.of(file.toAbsolutePath().getParent()).withVersions(versions(plugins));
        if (plan != null) options = options.withPlan(plan);
        if (epochs != null) options = options.withEpochs(epochs);
        if (out != null) options = options.withOut(out);
        if (resume != null) options = options.withResume(resume);

        PrintStream o = root.out();
        try (TrainingSession session = TrainingSession.open(plugins.catalog(), program, options)) {
            RunInfo info = session.info();
            o.printf("training %s: network %s on %s (%s), trainer %s, %d epochs x %d batches of %d, %d parameters%n",
                    info.plan(), info.network(), info.profile(), info.backend(), info.trainer(), info.epochs(),
                    info.batchesPerEpoch(), info.batch(), info.paramCount());
            o.printf("data: %d train, %d test; seed %d; run folder %s%n", info.trainSize(), info.testSize(), info.seed(),
                    info.runDir());
            TrainingResult result;
            try (TrainingProgress progress = TrainingProgress.forConsole(o, root.err())) {
                result = session.run(progress);
            }
            ResultTable.print(o, result);
            if (result.stopped().isPresent()) {
                new ErrorReport(root.err(), root.debug()).print(result.stopped().get());
                return ExitCode.RUNTIME_FAILURE;
            }
            // the plan's own robustness check: evaluate = monte_carlo(profile, devices: M)
            PlanEvaluation.afterTraining(plugins.catalog(), program, info.plan(), options.baseDir(), result.params(),
                    info.runDir()).ifPresent(report -> {
                o.println();
                o.print(report.table());
                o.printf("robustness report: %s%n", info.runDir().resolve("eval-" + report.profile()));
            });
            return ExitCode.OK;
        }
    }

    private static Map<String, String> versions(PluginManager plugins) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("pnn", PnnVersion.get());
        for (PluginInfo p : plugins.plugins()) v.put("plugin " + p.name(), p.version());
        return v;
    }
}
