package dev.pnn.dsl;

import java.util.List;

/**
 * One located problem: a stable code, a message saying what is wrong, the span it concerns, a short label
 * printed under the caret, and notes (context) and helps (what to do).
 */
public record Diagnostic(DiagnosticCode code, Severity severity, String message, Span span, String label,
                         List<String> notes, List<String> helps) {
    public Diagnostic {
        notes = List.copyOf(notes);
        helps = List.copyOf(helps);
        label = label == null ? "" : label;
    }

    /** A diagnostic with the code's own severity (errors for E codes, warnings for W codes). */
    public static Diagnostic error(DiagnosticCode code, Span span, String message, String label) {
        return new Diagnostic(code, code.severity(), message, span, label, List.of(), List.of());
    }

    public Diagnostic note(String note) {
        return new Diagnostic(code, severity, message, span, label, append(notes, note), helps);
    }

    public Diagnostic help(String help) {
        return new Diagnostic(code, severity, message, span, label, notes, append(helps, help));
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    private static List<String> append(List<String> list, String s) {
        if (s == null || s.isEmpty()) return list;
        java.util.ArrayList<String> out = new java.util.ArrayList<>(list);
        out.add(s);
        return out;
    }

    @Override
    public String toString() {
        return severity.label() + "[" + code.id() + "] " + span.line() + ":" + span.column() + ": " + message;
    }
}
