package dev.pnn.cli;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Loc;

import java.io.PrintStream;

/**
 * Prints an exception the way the user needs it: {@code error: what}, {@code --> file:line:col},
 * {@code = help: ...}; a stack trace only with {@code --debug}. Returns the exit code.
 */
final class ErrorReport {
    private final PrintStream err;
    private final boolean debug;

    ErrorReport(PrintStream err, boolean debug) {
        this.err = err;
        this.debug = debug;
    }

    int report(Throwable ex) {
        if (ex instanceof PnnException p) {
            print(p);
            if (debug) ex.printStackTrace(err);
            return ex instanceof UsageError ? ExitCode.BAD_INPUT : ExitCode.RUNTIME_FAILURE;
        }
        if (ex instanceof OutOfMemoryError) {
            err.println("error: out of memory");
            err.println("  = help: give java more heap (JAVA_OPTS=-Xmx4g ./pnn ...) or use a smaller batch");
        } else {
            err.println("error: internal error: " + ex.getClass().getSimpleName()
                        + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            err.println("  = help: this is a bug in pnn or a plugin; rerun with --debug for the stack trace and report it");
        }
        if (debug) ex.printStackTrace(err);
        return ExitCode.RUNTIME_FAILURE;
    }

    void print(PnnException p) {
        err.println("error: " + p.getMessage());
        Loc where = p.where();
        if (where != null && !where.equals(Loc.NONE) && where.line() > 0) err.println("  --> " + where);
        if (p.hint() != null && !p.hint().isBlank()) err.println("  = help: " + p.hint());
    }
}
