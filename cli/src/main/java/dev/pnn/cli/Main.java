package dev.pnn.cli;

import picocli.CommandLine;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Entry point of the {@code pnn} command. Exit codes: 0 success, 2 diagnostics or bad input (bad usage, missing
 * file, unknown plugin folder), 1 a runtime failure. Never prints a stack trace unless {@code --debug}.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command line, writing to the given streams, and returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        RootCommand root = new RootCommand(out, err);
        CommandLine cl = new CommandLine(root);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> new ErrorReport(err, root.debug()).report(ex));
        cl.setExitCodeExceptionMapper(ex -> ExitCode.RUNTIME_FAILURE);
        cl.setParameterExceptionHandler((ex, given) -> {
            String name = ex.getCommandLine().getCommandSpec().qualifiedName();
            err.println("error: " + ex.getMessage());
            err.println("  = help: see '" + name + " --help'");
            return ExitCode.BAD_INPUT;
        });
        int code;
        try {
            code = cl.execute(args);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            // picocli rethrows Errors from commands; the user still gets one line, not a trace
            code = new ErrorReport(err, root.debug()).report(e);
        }
        out.flush();
        err.flush();
        return code;
    }
}
