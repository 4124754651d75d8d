package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticRenderer;
import dev.pnn.spi.ir.Program;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of compiling one .pnn file: the program when there were no errors, and every diagnostic found.
 *
 * @param text          the decoded source text ("" when the file could not be read or decoded)
 * @param deviceSummary per network and device kind, the physical devices its blocks report (in network order)
 */
public record Compilation(String sourceName, String text, Optional<Program> program, List<Diagnostic> diagnostics,
                          List<DeviceSummary> deviceSummary) {
    public Compilation {
        diagnostics = List.copyOf(diagnostics);
        deviceSummary = List.copyOf(deviceSummary);
    }

    /** A compilation without device counts (it failed before lowering). */
    public Compilation(String sourceName, String text, Optional<Program> program, List<Diagnostic> diagnostics) {
        this(sourceName, text, program, diagnostics, List.of());
    }

    public boolean ok() {
        return program.isPresent() && diagnostics.stream().noneMatch(Diagnostic::isError);
    }

    /** rustc-style text of every diagnostic with source excerpts and carets ("" when there are none). */
    public String render() {
        if (diagnostics.isEmpty()) return "";
        return new DiagnosticRenderer(sourceName, text).renderAll(diagnostics);
    }
}
