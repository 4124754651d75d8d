package dev.pnn.dsl;

import java.util.List;

/**
 * Prints diagnostics the way rustc does: a header with the code, the location, the source line under a gutter,
 * a caret underline with the label, then {@code = note:} and {@code = help:} lines. Tabs in the quoted line
 * are shown as four spaces and the carets follow.
 */
public final class DiagnosticRenderer {
    /** Lines longer than this many characters are shown as a window around the span. */
    static final int MAX_SHOWN = 120;
    private static final int CONTEXT = 40;

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
            int from = index(raw, s.column() - 1);
            int to = s.endLine() == s.line() ? Math.max(from, index(raw, s.endColumn() - 1)) : raw.length();
            // Long lines (generated files) are shown as a window around the span, so output stays small.
            int winStart = 0, winEnd = raw.length();
            if (raw.length() > MAX_SHOWN) {
                winStart = Math.max(0, from - CONTEXT);
                winEnd = Math.min(raw.length(), Math.max(to, from + 1) + CONTEXT);
                if (winEnd - winStart > MAX_SHOWN) winEnd = winStart + MAX_SHOWN;
                winStart = safe(raw, winStart);
                winEnd = safe(raw, winEnd);
            }
            String prefix = winStart > 0 ? "..." : "", suffix = winEnd < raw.length() ? "..." : "";
            sb.append(pad).append(" |\n");
            sb.append(lineNo).append(" | ").append(prefix).append(expandTabs(raw.substring(winStart, winEnd))).append(suffix).append('\n');
            int startCol = prefix.length() + expandTabs(raw.substring(winStart, Math.min(from, winEnd))).length();
            int width = Math.max(1, expandTabs(raw.substring(Math.min(from, winEnd), Math.min(to, winEnd))).length());
            sb.append(pad).append(" | ").append(" ".repeat(startCol)).append("^".repeat(width));
            if (!d.label().isEmpty()) sb.append(' ').append(d.label());
            sb.append('\n');
        }
        for (String n : d.notes()) sb.append(pad).append(" = note: ").append(n).append('\n');
        for (String h : d.helps()) sb.append(pad).append(" = help: ").append(h).append('\n');
        return sb.toString();
    }

    /** Char index of the given code-point column offset, clamped to the line. */
    private static int index(String line, int codePoints) {
        if (codePoints <= 0) return 0;
        boolean simple = line.chars().limit(Math.min((long) codePoints + 1, line.length())).noneMatch(c -> Character.isSurrogate((char) c));
        if (simple) return Math.min(codePoints, line.length());
        int i = 0;
        for (int k = 0; k < codePoints && i < line.length(); k++) i += Character.charCount(line.codePointAt(i));
        return i;
    }

    /** Moves a cut point off the middle of a surrogate pair. */
    private static int safe(String line, int i) {
        return i > 0 && i < line.length() && Character.isLowSurrogate(line.charAt(i)) ? i - 1 : i;
    }

    private static String expandTabs(String text) {
        return text.replace("\t", "    ");
    }
}
