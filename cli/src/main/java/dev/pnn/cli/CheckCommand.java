package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.spi.ir.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pnn check FILE}: every diagnostic of a file, nothing run. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check a .pnn file: syntax, names, shapes, domains, units, capabilities. Prints every "
                      + "diagnostic; exits 2 when there is an error.",
        footerHeading = "%nExamples:%n", footer = {"  ./pnn check samples/mzi_digits.pnn"})
final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    private RootCommand root;

    @Parameters(paramLabel = "FILE", description = "the .pnn file")
    private Path file;

    @Override
    public Integer call() {
        Compilation c = SourceCompiler.compile(root, root.plugins(true), file);
        if (!c.ok()) return ExitCode.BAD_INPUT;
        Program p = c.program().orElseThrow();
        root.out().println("ok: " + file + " (" + count(p.graphs().size(), "network") + ", "
                           + count(p.profiles().size(), "hardware profile") + ", "
                           + count(p.plans().size(), "training plan") + ")");
        c.deviceSummary().forEach(d -> root.out().println("  " + d.line()));
        return ExitCode.OK;
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
