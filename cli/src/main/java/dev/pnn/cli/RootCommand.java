package dev.pnn.cli;

import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.PluginProblem;
import dev.pnn.spi.PnnException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pnn}: global options and the shared state of one invocation (output streams, loaded plugins).
 * Subcommands reach it through {@code @ParentCommand}; a new subcommand only needs to be listed here.
 */
@Command(name = "pnn", mixinStandardHelpOptions = true, versionProvider = PnnVersion.class,
        description = "Design and train physical neural networks: check, compile and train .pnn files.",
        subcommands = {CheckCommand.class, CompileCommand.class, TrainCommand.class, EvalCommand.class, SweepCommand.class, PluginsCommand.class,
                picocli.CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {
                "  ./pnn check samples/mzi_digits.pnn           check a file, print diagnostics",
                "  ./pnn compile samples/mzi_digits.pnn --emit ir",
                "  ./pnn train samples/mzi_digits.pnn --epochs 5",
                "  ./pnn train samples/mzi_digits.pnn --resume runs/MziDigits-20260101-120000",
                "  ./pnn --plugins ~/pnn-plugins plugins         list plugins, including third-party jars",
                "",
                "Exit codes: 0 ok, 2 diagnostics or bad input, 1 runtime failure."})
final class RootCommand implements java.util.concurrent.Callable<Integer> {
    private final PrintStream out;
    private final PrintStream err;

    @Option(names = "--plugins", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Also load plugins from DIR: each jar, or sub-folder of jars, in its own class loader. Repeatable.")
    private List<Path> pluginDirs = new ArrayList<>();

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
    private boolean debug;

    private PluginManager plugins;

    RootCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Spec
    private CommandSpec spec;

    /** {@code pnn} alone: usage on stderr, exit 2. */
    @Override
    public Integer call() {
        err.println("error: missing a command");
        spec.commandLine().usage(err);
        return ExitCode.BAD_INPUT;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    boolean debug() {
        return debug;
    }

    /**
     * Loads plugins once per invocation. Broken plugin jars are reported and skipped; when {@code strict}, a
     * conflict between plugins (two claiming one name) stops the command, since which one runs would be a guess.
     */
    PluginManager plugins(boolean strict) {
        if (plugins == null) {
            try {
                plugins = PluginManager.load(pluginDirs);
            } catch (PnnException e) {
                throw UsageError.of(e);
            }
            if (strict) {
                ErrorReport report = new ErrorReport(err, debug);
                for (PluginProblem p : plugins.problems()) report.print(new PnnException(p.what(), p.hint()));
                if (plugins.hasConflicts())
                    throw new UsageError("plugins conflict, so pnn cannot tell which one you mean",
                            "run 'pnn plugins' to see every plugin and where it comes from");
            }
        }
        return plugins;
    }
}
