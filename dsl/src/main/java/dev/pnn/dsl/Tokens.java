package dev.pnn.dsl;

import dev.pnn.dsl.grammar.PnnLexer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.Vocabulary;
import org.antlr.v4.runtime.misc.IntervalSet;

import java.util.ArrayList;
import java.util.List;

/** Human words for tokens in syntax messages ("expected `;`, found identifier `signal`"). */
final class Tokens {
    private static final Vocabulary V = PnnLexer.VOCABULARY;

    private static final java.util.Set<String> CLOSERS = java.util.Set.of("`,`", "`)`", "`;`", "`]`", "`}`");
    private static final java.util.Set<String> OPERATORS = java.util.Set.of("`^`", "`-`", "`*`", "`/`", "`+`", "`..`");

    private Tokens() {
    }

    static Span span(Token t) {
        int line = Math.max(1, t.getLine());
        int col = Math.max(0, t.getCharPositionInLine()) + 1;
        if (t.getType() == Token.EOF) return Span.point(line, col);
        int len = Math.max(0, t.getStopIndex() - t.getStartIndex() + 1);
        return new Span(line, col, line, col + len);
    }

    /** The position just after a token (where a missing {@code ;} belongs). */
    static Span after(Token t) {
        Span s = span(t);
        return Span.point(s.endLine(), s.endColumn());
    }

    static String found(Token t) {
        if (t.getType() == Token.EOF) return "end of file";
        String text = t.getText();
        return switch (t.getType()) {
            case PnnLexer.ID -> "identifier `" + text + "`";
            case PnnLexer.NUMBER -> "number `" + text + "`";
            case PnnLexer.STRING -> "string " + abbreviate(text);
            default -> V.getLiteralName(t.getType()) != null && Character.isLetter(text.charAt(0))
                    ? "keyword `" + text + "`" : "`" + abbreviate(text) + "`";
        };
    }

    static String expected(IntervalSet set) {
        if (set == null || set.isNil()) return "something else";
        List<Integer> types = set.toList();
        if (types.contains(PnnLexer.NUMBER) && types.contains(PnnLexer.ID) && types.contains(PnnLexer.STRING)
                && types.size() >= 7)
            return "an expression";
        List<String> words = new ArrayList<>();
        boolean closers = types.stream().anyMatch(t -> CLOSERS.contains(word(t)));
        boolean identifier = types.contains(PnnLexer.ID);
        for (int t : types) {
            String w = word(t);
            // After a complete operand, operators are always possible; naming them buries the useful choice.
            if (closers && OPERATORS.contains(w)) continue;
            // Where an identifier fits, the keywords allowed as names are implied by it.
            if (identifier && t != PnnLexer.ID && Character.isLetter(w.charAt(1)) && w.startsWith("`")) continue;
            words.add(w);
        }
        if (words.isEmpty()) return "something else";
        if (words.size() == 1) return words.get(0);
        if (words.size() <= 5)
            return String.join(", ", words.subList(0, words.size() - 1)) + " or " + words.get(words.size() - 1);
        return "one of " + String.join(", ", words.subList(0, 5)) + ", ...";
    }

    static String word(int type) {
        if (type == Token.EOF) return "end of file";
        return switch (type) {
            case PnnLexer.ID -> "identifier";
            case PnnLexer.NUMBER -> "number";
            case PnnLexer.STRING -> "string";
            default -> {
                String lit = V.getLiteralName(type);
                yield lit == null ? V.getDisplayName(type) : "`" + lit.substring(1, lit.length() - 1) + "`";
            }
        };
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "...";
    }
}
