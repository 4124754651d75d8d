package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;

import java.util.ArrayList;
import java.util.List;

/** The semantic checks' collector: keeps every diagnostic up to a limit, then one "too many errors". */
final class Diagnostics {
    static final int LIMIT = 200;
    private final List<Diagnostic> list = new ArrayList<>();
    private boolean full;

    void add(Diagnostic d) {
        if (full) return;
        if (list.size() >= LIMIT) {
            list.add(Diagnostic.error(DiagnosticCode.TOO_MANY_ERRORS, d.span(), "too many errors; stopped after " + LIMIT,
                    "stopped here").help("fix the errors above and check again"));
            full = true;
            return;
        }
        list.add(d);
    }

    void error(DiagnosticCode code, Span span, String message, String label) {
        add(Diagnostic.error(code, span, message, label));
    }

    int errorCount() {
        return (int) list.stream().filter(Diagnostic::isError).count();
    }

    /** In source order (stable), the "too many errors" marker last. */
    List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparing((Diagnostic d) -> d.code() == DiagnosticCode.TOO_MANY_ERRORS)
                .thenComparingInt(d -> d.span().line()).thenComparingInt(d -> d.span().column()));
        return List.copyOf(sorted);
    }
}
