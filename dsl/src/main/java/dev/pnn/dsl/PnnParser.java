package dev.pnn.dsl;

import dev.pnn.dsl.ast.SourceFile;
import dev.pnn.dsl.grammar.PnnLexer;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses .pnn text into an AST plus syntax diagnostics. Never throws: every lexical and syntax problem becomes
 * a located {@link Diagnostic}, all of them collected (up to a limit), and the parser recovers and continues.
 * Declarations that contain syntax errors are left out of the AST.
 */
public final class PnnParser {
    /** Deeper bracket nesting than this is refused before parsing (it would only come from generated junk). */
    static final int MAX_NESTING = 200;

    private PnnParser() {
    }

    public static ParseResult parse(String text) {
        SyntaxErrors errors = new SyntaxErrors();
        try {
            List<Token> tokens = lex(text, errors);
            if (!checkNesting(tokens, errors)) return new ParseResult(new SourceFile(List.of()), errors.all());
            errors.terminators(tokens);
            dev.pnn.dsl.grammar.PnnParser parser = new dev.pnn.dsl.grammar.PnnParser(
                    new CommonTokenStream(new ListTokenSource(tokens)));
            parser.removeErrorListeners();
            parser.addErrorListener(new BaseErrorListener() {
                @Override
                public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg, RecognitionException e) {
                    // Reports come from FriendlyErrorStrategy; ANTLR's own ones (ambiguity etc.) are not user errors.
                }
            });
            parser.setErrorHandler(new FriendlyErrorStrategy(errors));
            dev.pnn.dsl.grammar.PnnParser.FileContext tree = parser.file();
            SourceFile file = new AstBuilder(errors).file(tree);
            return new ParseResult(file, errors.all());
        } catch (ParseCancellationException e) {
            return new ParseResult(new SourceFile(List.of()), errors.all());
        } catch (StackOverflowError e) {
            List<Diagnostic> all = new ArrayList<>(errors.all());
            all.add(Diagnostic.error(DiagnosticCode.NESTING_TOO_DEEP, Span.FILE,
                    "expressions are nested or chained too deeply to parse", "").help("split the expression into statements"));
            return new ParseResult(new SourceFile(List.of()), all);
        }
    }

    /** All tokens up to and including EOF, with error tokens reported and removed. */
    private static List<Token> lex(String text, SyntaxErrors errors) {
        PnnLexer lexer = new PnnLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<Token> out = new ArrayList<>();
        Token badRun = null;
        int badEnd = -1;
        StringBuilder badText = new StringBuilder();
        while (true) {
            Token t = lexer.nextToken();
            if (t.getType() == PnnLexer.BAD_CHAR) {
                if (badRun != null && t.getStartIndex() == badEnd + 1 && t.getLine() == badRun.getLine()) {
                    badEnd = t.getStopIndex();
                    if (badText.length() < 16) badText.append(t.getText());
                    continue;
                }
                flushBad(badRun, badEnd, badText, errors);
                errors.lexicalErrorAt(out.size());
                badRun = t;
                badEnd = t.getStopIndex();
                badText.setLength(0);
                badText.append(t.getText());
                continue;
            }
            flushBad(badRun, badEnd, badText, errors);
            badRun = null;
            if (t.getType() == PnnLexer.UNTERMINATED_STRING || t.getType() == PnnLexer.UNTERMINATED_COMMENT)
                errors.lexicalErrorAt(out.size());
            switch (t.getType()) {
                case PnnLexer.UNTERMINATED_STRING -> errors.add(Diagnostic.error(DiagnosticCode.UNTERMINATED_STRING,
                        Tokens.span(t), "string is not closed before the end of the line", "string starts here")
                        .help("add a closing `\"`"));
                case PnnLexer.UNTERMINATED_COMMENT -> errors.add(Diagnostic.error(DiagnosticCode.UNTERMINATED_COMMENT,
                        Span.point(t.getLine(), t.getCharPositionInLine() + 1).to(Span.point(t.getLine(), t.getCharPositionInLine() + 3)),
                        "block comment is not closed before the end of the file", "comment starts here")
                        .help("add `*/` where the comment should end"));
                default -> out.add(t);
            }
            if (t.getType() == Token.EOF) return out;
        }
    }

    private static void flushBad(Token first, int end, StringBuilder text, SyntaxErrors errors) {
        if (first == null) return;
        int len = end - first.getStartIndex() + 1;
        Span span = new Span(first.getLine(), first.getCharPositionInLine() + 1, first.getLine(),
                first.getCharPositionInLine() + 1 + len);
        String shown = describeChars(text.toString());
        errors.add(Diagnostic.error(DiagnosticCode.INVALID_CHARACTER, span,
                (len == 1 ? "invalid character " : "invalid characters ") + shown, "not part of the language")
                .note("pnn source uses letters, digits, `_`, `%`, `\"` and the punctuation `; : , = . ( ) [ ] { } + - * / ^`"));
    }

    private static String describeChars(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(8).forEach(cp -> {
            if (sb.length() > 0) sb.append(' ');
            if (cp < 0x20 || cp == 0x7f || Character.isWhitespace(cp) || Character.getType(cp) == Character.UNASSIGNED
                    || Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT)
                sb.append(String.format("U+%04X", cp));
            else sb.append('`').appendCodePoint(cp).append('`').append(String.format(" (U+%04X)", cp));
        });
        return sb.toString();
    }

    private static boolean checkNesting(List<Token> tokens, SyntaxErrors errors) {
        int depth = 0;
        int minusRun = 0;
        for (Token t : tokens) {
            String s = t.getType() == Token.EOF ? "" : t.getText();
            switch (s) {
                case "(", "[", "{" -> depth++;
                case ")", "]", "}" -> depth = Math.max(0, depth - 1);
                default -> {
                }
            }
            minusRun = s.equals("-") ? minusRun + 1 : 0;
            if (depth > MAX_NESTING || minusRun > MAX_NESTING) {
                errors.add(Diagnostic.error(DiagnosticCode.NESTING_TOO_DEEP, Tokens.span(t),
                        "brackets or unary minus nested more than " + MAX_NESTING + " deep", "too deep here")
                        .help("split the expression into several statements"));
                return false;
            }
        }
        return true;
    }
}
