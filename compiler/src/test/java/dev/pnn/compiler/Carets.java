package dev.pnn.compiler;

import dev.pnn.dsl.Span;

/**
 * Calcite-style caret markers: source text with the expected span between two markers ({@code ^clement^}); the
 * markers are stripped and the span between them returned (end exclusive, so {@code ^^} marks a point).
 */
record Carets(String source, Span span) {
    static Carets of(String marked) {
        return of(marked, '^');
    }

    /** For sources that contain {@code ^} themselves (the power operator), pick another marker. */
    static Carets of(String marked, char marker) {
        int first = marked.indexOf(marker);
        int second = marked.indexOf(marker, first + 1);
        if (first < 0 || second < 0 || marked.indexOf(marker, second + 1) >= 0)
            throw new IllegalArgumentException("mark exactly one span with two '" + marker + "' characters");
        String source = marked.substring(0, first) + marked.substring(first + 1, second) + marked.substring(second + 1);
        int[] start = lineCol(source, first);
        int[] end = lineCol(source, second - 1);
        return new Carets(source, new Span(start[0], start[1], end[0], end[1]));
    }

    private static int[] lineCol(String s, int offset) {
        int line = 1, col = 1;
        for (int i = 0; i < offset; i++) {
            if (s.charAt(i) == '\n') {
                line++;
                col = 1;
            } else col++;
        }
        return new int[]{line, col};
    }
}
