package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.IrJson;
import dev.pnn.compiler.IrText;
import dev.pnn.spi.ir.Program;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code pnn compile FILE --emit ir|json}: the lowered IR, as readable text or JSON, on stdout. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = "Compile a .pnn file and print its IR (networks, hardware profiles, training plans) as "
                      + "readable text (round-trips) or JSON. Diagnostics and the physical device count of each network go to "
                      + "stderr; exits 2 on errors.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./pnn compile samples/mzi_digits.pnn --emit ir", "  ./pnn compile samples/mzi_digits.pnn --emit json > ir.json"})
final class CompileCommand implements Callable<Integer> {
    enum Emit { ir, json }

    @ParentCommand
    private RootCommand root;

    @Parameters(paramLabel = "FILE", description = "the .pnn file")
    private Path file;

    @Option(names = "--emit", paramLabel = "ir|json", defaultValue = "ir",
            description = "output form: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    private Emit emit;

    @Override
    public Integer call() {
        Compilation c = SourceCompiler.compile(root, root.plugins(true), file);
        if (!c.ok()) return ExitCode.BAD_INPUT;
        Program p = c.program().orElseThrow();
        String text = emit == Emit.ir ? IrText.print(p) : IrJson.write(p);
        root.out().print(text);
        if (!text.endsWith("\n")) root.out().println();
        // on stderr, with the diagnostics, so that stdout stays exactly the IR (which round-trips)
        c.deviceSummary().forEach(d -> root.err().println("note: " + d.line()));
        return ExitCode.OK;
    }
}
