package dev.pnn.dsl;

import dev.pnn.dsl.ast.SourceFile;

import java.util.List;

/**
 * What {@link PnnParser} returns: the AST (declarations that contain syntax errors are left out) and every
 * syntax diagnostic found.
 */
public record ParseResult(SourceFile file, List<Diagnostic> diagnostics) {
    public ParseResult {
        diagnostics = List.copyOf(diagnostics);
    }

    public boolean ok() {
        return diagnostics.stream().noneMatch(Diagnostic::isError);
    }
}
