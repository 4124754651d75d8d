package dev.pnn.dsl;

/**
 * A region of source text: 1-based line and column of the first character, and the line and column just past
 * the last one (end exclusive, so a one-character token at 3:5 is {@code 3:5-3:6}). Columns count Unicode code
 * points; a tab is one column.
 */
public record Span(int line, int column, int endLine, int endColumn) {
    /** A file-level position (unreadable file, empty file): the very start. */
    public static final Span FILE = new Span(1, 1, 1, 1);

    public Span {
        if (line < 1 || column < 1 || endLine < line || (endLine == line && endColumn < column))
            throw new IllegalArgumentException("bad span " + line + ":" + column + "-" + endLine + ":" + endColumn);
    }

    public static Span point(int line, int column) {
        return new Span(line, column, line, column);
    }

    /** The smallest span covering both. */
    public Span to(Span other) {
        boolean thisFirst = line < other.line || (line == other.line && column <= other.column);
        Span a = thisFirst ? this : other;
        boolean thisLast = endLine > other.endLine || (endLine == other.endLine && endColumn >= other.endColumn);
        Span b = thisLast ? this : other;
        return new Span(a.line, a.column, b.endLine, b.endColumn);
    }

    @Override
    public String toString() {
        return line + ":" + column + "-" + endLine + ":" + endColumn;
    }
}
