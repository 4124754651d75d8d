package dev.pnn.dsl;

import java.util.List;

/**
 * Prints diagnostics the way rustc does: a header with the code, the location, the source line under a gutter,
 * a caret underline with the label, then {@code = note:} and {@code = help:} lines. Tabs in the quoted line
 * are shown as four spaces and the carets follow.
 */
public final class DiagnosticRenderer {
    private final String sourceName;
    private final String[] lines;

    public DiagnosticRenderer(String sourceName, String text) {
        this.sourceName = sourceName;
        this.lines = (text == null ? "" : text).split("\r\n|\r|\n", -1);
    }

    /** All diagnostics, separated by blank lines, followed by a one-line count when there are errors. */
    public String renderAll(List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic d : diagnostics) sb.append(render(d)).append('\n');
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        if (errors > 0)
            sb.append("error: ").append(sourceName).append(": ").append(errors).append(errors == 1 ? " error" : " errors").append('\n');
        return sb.toString();
    }

    public String render(Diagnostic d) {
        Span s = d.span();
        String lineNo = Integer.toString(s.line());
        String pad = " ".repeat(lineNo.length());
        StringBuilder sb = new StringBuilder();
        sb.append(d.severity().label()).append('[').append(d.code().id()).append("]: ").append(d.message()).append('\n');
        sb.append(pad).append("--> ").append(sourceName).append(':').append(s.line()).append(':').append(s.column()).append('\n');
        boolean fileLevel = s.equals(Span.FILE) && (lines.length == 0 || lines[0].isEmpty());
        if (s.line() <= lines.length && !fileLevel) {
            String raw = lines[s.line() - 1];
            sb.append(pad).append(" |\n");
            sb.append(lineNo).append(" | ").append(expandTabs(raw, raw.codePointCount(0, raw.length()))).append('\n');
            int lineLen = raw.codePointCount(0, raw.length());
            int from = Math.min(s.column() - 1, lineLen);
            int to = s.endLine() == s.line() ? Math.min(s.endColumn() - 1, lineLen) : lineLen;
            int startCol = expandTabs(raw, from).length();
            int width = Math.max(1, expandTabs(raw, to).length() - startCol);
            sb.append(pad).append(" | ").append(" ".repeat(startCol)).append("^".repeat(width));
            if (!d.label().isEmpty()) sb.append(' ').append(d.label());
            sb.append('\n');
        }
        for (String n : d.notes()) sb.append(pad).append(" = note: ").append(n).append('\n');
        for (String h : d.helps()) sb.append(pad).append(" = help: ").append(h).append('\n');
        return sb.toString();
    }

    /** The first {@code codePoints} code points of {@code line}, tabs widened to four spaces. */
    private static String expandTabs(String line, int codePoints) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        for (int k = 0; k < codePoints && i < line.length(); k++) {
            int cp = line.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\t') sb.append("    ");
            else sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
