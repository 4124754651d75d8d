package dev.pnn.dsl;

import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.FailedPredicateException;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;

/**
 * ANTLR's recovery, with messages that say what was expected and what was found, and a missing token located
 * right after the token it should follow (a forgotten {@code ;} points at the end of its line, not at the next
 * statement).
 */
final class FriendlyErrorStrategy extends DefaultErrorStrategy {
    private final SyntaxErrors errors;

    FriendlyErrorStrategy(SyntaxErrors errors) {
        this.errors = errors;
    }

    private void add(Span span, String message, String label, Token offending) {
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNEXPECTED_TOKEN, span, message, label);
        String found = offending == null || offending.getType() == Token.EOF ? "" : offending.getText();
        // The two slips everyone makes once: `=` in a call, `:` in a block of settings.
        if (found.equals("=") && (message.contains("`,`") || message.contains("`)`")))
            d = d.help("named arguments are written with `:`, as in `modulate(x, mode: amplitude)`");
        else if (found.equals(":") && message.contains("`=`"))
            d = d.help("settings and plan entries are written with `=`, as in `epochs = 60;`");
        else if (message.startsWith("expected `;`"))
            d = d.help("every statement, setting and plan entry ends with `;`");
        errors.addParserError(d, offending == null ? -1 : offending.getTokenIndex());
    }

    @Override
    protected void reportNoViableAlternative(Parser recognizer, NoViableAltException e) {
        Token t = e.getOffendingToken();
        add(Tokens.span(t), "unexpected " + Tokens.found(t) + "; expected " + Tokens.expected(e.getExpectedTokens()),
                "unexpected here", t);
    }

    @Override
    protected void reportInputMismatch(Parser recognizer, InputMismatchException e) {
        Token t = e.getOffendingToken();
        add(Tokens.span(t), "expected " + Tokens.expected(e.getExpectedTokens()) + ", found " + Tokens.found(t),
                "expected " + Tokens.expected(e.getExpectedTokens()), t);
    }

    @Override
    protected void reportFailedPredicate(Parser recognizer, FailedPredicateException e) {
        Token t = e.getOffendingToken();
        add(Tokens.span(t), "unexpected " + Tokens.found(t), "unexpected here", t);
    }

    @Override
    protected void reportUnwantedToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        add(Tokens.span(t), "unexpected " + Tokens.found(t) + "; expected " + Tokens.expected(getExpectedTokens(recognizer)),
                "unexpected here", t);
    }

    @Override
    protected void reportMissingToken(Parser recognizer) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        Token t = recognizer.getCurrentToken();
        Token prev = recognizer.getInputStream().LT(-1);
        String expected = Tokens.expected(getExpectedTokens(recognizer));
        Span where = prev == null ? Tokens.span(t) : Tokens.after(prev);
        add(where, "expected " + expected + ", found " + Tokens.found(t), "expected " + expected, t);
    }

    @Override
    public void reportError(Parser recognizer, RecognitionException e) {
        if (inErrorRecoveryMode(recognizer)) return;
        beginErrorCondition(recognizer);
        if (e instanceof NoViableAltException n) reportNoViableAlternative(recognizer, n);
        else if (e instanceof InputMismatchException m) reportInputMismatch(recognizer, m);
        else if (e instanceof FailedPredicateException f) reportFailedPredicate(recognizer, f);
        else add(Tokens.span(e.getOffendingToken()), "syntax error: " + e.getMessage(), "here", e.getOffendingToken());
    }
}
