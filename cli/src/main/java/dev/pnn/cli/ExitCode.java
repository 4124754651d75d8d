package dev.pnn.cli;

/** The process exit codes of {@code pnn}. */
final class ExitCode {
    static final int OK = 0;
    static final int RUNTIME_FAILURE = 1;
    /** Diagnostics in a .pnn file, or bad input (usage, missing file, unknown plugin folder, plugin conflict). */
    static final int BAD_INPUT = 2;

    private ExitCode() {
    }
}
