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
    void addParserError(Diagnostic d, int tokenIndex) {
        if (d.span().line() == lastParserErrorLine) return;
        if (followsLexicalError(tokenIndex)) return;
        lastParserErrorLine = d.span().line();
        add(d);
    }

    private final java.util.TreeSet<Integer> lexicalErrors = new java.util.TreeSet<>();
    private int[] terminatorsBefore = new int[1];

    /** A lexical error was reported just before the token that will get index {@code tokenIndex}. */
    void lexicalErrorAt(int tokenIndex) {
        lexicalErrors.add(tokenIndex);
    }

    /** Where statements end ({@code ;} and {@code }}), by token index, to scope the suppression below. */
    void terminators(java.util.List<org.antlr.v4.runtime.Token> tokens) {
        terminatorsBefore = new int[tokens.size() + 1];
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).getText();
            terminatorsBefore[i + 1] = terminatorsBefore[i] + (";".equals(t) || "}".equals(t) ? 1 : 0);
        }
    }

    /**
     * A parser error in the same statement as an earlier lexical error (a bad character, an unclosed string) is
     * its echo: the token the parser misses is the one the lexer could not make.
     */
    private boolean followsLexicalError(int tokenIndex) {
        if (tokenIndex < 0) return false;
        Integer lex = lexicalErrors.floor(tokenIndex);
        if (lex == null) return false;
        int hi = Math.min(tokenIndex, terminatorsBefore.length - 1), lo = Math.min(lex, hi);
        return terminatorsBefore[hi] - terminatorsBefore[lo] == 0;
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
