package dev.pnn.dsl;

import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects syntax diagnostics up to a limit; past it, records one {@code too many errors} diagnostic and
 * cancels the parse, so a megabyte of garbage costs milliseconds and prints a screenful, not a book.
 */
final class SyntaxErrors {
    static final int LIMIT = 50;
    private final List<Diagnostic> list = new ArrayList<>();
    private boolean full;

    private int lastParserErrorLine = -1;

    /**
     * A parser error on the same line as the previous one is nearly always a consequence of it (recovery
     * resynchronizing), so it is dropped.
     */
    void addParserError(Diagnostic d) {
        if (d.span().line() == lastParserErrorLine) return;
        lastParserErrorLine = d.span().line();
        add(d);
    }

    void add(Diagnostic d) {
        if (full) throw new ParseCancellationException("too many errors");
        if (list.size() >= LIMIT) {
            list.add(Diagnostic.error(DiagnosticCode.TOO_MANY_ERRORS, d.span(),
                    "too many syntax errors; stopped after " + LIMIT, "stopped here")
                    .help("fix the errors above and check again"));
            full = true;
            throw new ParseCancellationException("too many errors");
        }
        list.add(d);
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    /** In source order; the "too many errors" marker stays last. */
    List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparing((Diagnostic d) -> d.code() == DiagnosticCode.TOO_MANY_ERRORS)
                .thenComparingInt(d -> d.span().line()).thenComparingInt(d -> d.span().column()));
        return sorted;
    }
}
