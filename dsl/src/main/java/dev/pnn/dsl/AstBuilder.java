package dev.pnn.dsl;

import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Ident;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.dsl.ast.SourceFile;
import dev.pnn.dsl.ast.Stmt;
import dev.pnn.dsl.ast.TypeRef;
import dev.pnn.dsl.grammar.PnnParser.*;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.ErrorNode;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Parse tree to AST records. Items that contain syntax errors are dropped (already reported). */
final class AstBuilder {
    private final SyntaxErrors errors;

    AstBuilder(SyntaxErrors errors) {
        this.errors = errors;
    }

    SourceFile file(FileContext ctx) {
        List<Item> items = new ArrayList<>();
        for (ItemContext ic : ctx.item()) {
            if (hasErrors(ic)) continue;
            if (ic.useDecl() != null) items.add(new Item.Use(ident(ic.useDecl().ID()), span(ic)));
            else if (ic.networkDecl() != null) items.add(network(ic.networkDecl()));
            else if (ic.hardwareDecl() != null) items.add(hardware(ic.hardwareDecl()));
            else if (ic.trainDecl() != null) items.add(train(ic.trainDecl()));
        }
        return new SourceFile(items);
    }

    private Item.Network network(NetworkDeclContext c) {
        List<Stmt> body = new ArrayList<>();
        for (NetStmtContext s : c.netStmt()) {
            if (s instanceof InputStmtContext in) {
                TypeRefContext t = in.typeRef();
                body.add(new Stmt.Input(ident(in.ID()), new TypeRef(ident(t.ID()), t.NUMBER().getText(),
                        Tokens.span(t.NUMBER().getSymbol()), span(t)), span(in)));
            } else if (s instanceof OutputAssignStmtContext o) {
                body.add(new Stmt.Assign(ident(o.ID()), expr(o.expr()), true, span(o)));
            } else if (s instanceof OutputRefStmtContext o) {
                body.add(new Stmt.OutputRef(ident(o.ID()), span(o)));
            } else if (s instanceof AssignStmtContext a) {
                body.add(new Stmt.Assign(ident(a.ID()), expr(a.expr()), false, span(a)));
            }
        }
        return new Item.Network(ident(c.ID()), body, span(c));
    }

    private Item.Hardware hardware(HardwareDeclContext c) {
        List<Setting> settings = c.setting().stream().map(this::setting).toList();
        return new Item.Hardware(ident(c.ID(0)), ident(c.ID(1)), settings, "}".equals(c.getStop().getText()), span(c));
    }

    private Item.Train train(TrainDeclContext c) {
        Optional<Ident> alias = c.AS() == null ? Optional.empty() : Optional.of(ident(c.ID(1)));
        return new Item.Train(ident(c.ID(0)), alias, c.setting().stream().map(this::setting).toList(), span(c));
    }

    private Setting setting(SettingContext c) {
        return new Setting(ident(c.key().getStart()), expr(c.expr()), span(c));
    }

    private Expr expr(ExprContext c) {
        if (c instanceof PrimaryExprContext p) return primary(p.primary());
        if (c instanceof NegExprContext n) {
            Expr operand = expr(n.expr());
            if (operand instanceof Expr.Num num && !num.text().startsWith("-"))
                return new Expr.Num(-num.value(), "-" + num.text(), num.unit(), span(n));
            return new Expr.Neg(operand, span(n));
        }
        if (c instanceof PowExprContext p) return new Expr.Binary("^", expr(p.expr(0)), expr(p.expr(1)), span(p));
        if (c instanceof MulExprContext m) return new Expr.Binary(m.op.getText(), expr(m.expr(0)), expr(m.expr(1)), span(m));
        if (c instanceof AddExprContext a) return new Expr.Binary(a.op.getText(), expr(a.expr(0)), expr(a.expr(1)), span(a));
        throw new IllegalStateException("unexpected expression node " + c.getClass().getSimpleName());
    }

    private Expr primary(PrimaryContext c) {
        if (c instanceof RangeLitContext r)
            return new Expr.Range(number(r.NUMBER(0).getSymbol(), null), number(r.NUMBER(1).getSymbol(), null), span(r));
        if (c instanceof NumberLitContext n) {
            Ident unit = n.unit() == null ? null : new Ident(n.unit().getText(), span(n.unit()));
            Expr.Num num = number(n.NUMBER().getSymbol(), unit);
            return new Expr.Num(num.value(), num.text(), num.unit(), span(n));
        }
        if (c instanceof StringLitContext s) return new Expr.Str(unescape(s.STRING().getSymbol()), span(s));
        if (c instanceof BoolLitContext b) return new Expr.Bool(b.TRUE() != null, span(b));
        if (c instanceof NameRefContext n) return new Expr.Name(n.ID().getText(), span(n));
        if (c instanceof ListLitContext l) return new Expr.ListLit(l.expr().stream().map(this::expr).toList(), span(l));
        if (c instanceof ParenExprContext p) return expr(p.expr());
        if (c instanceof CallExprContext call) {
            List<Arg> args = new ArrayList<>();
            for (ArgContext a : call.arg()) {
                if (a instanceof NamedArgContext na)
                    args.add(new Arg(Optional.of(ident(na.key().getStart())), expr(na.expr()), span(na)));
                else if (a instanceof PositionalArgContext pa)
                    args.add(new Arg(Optional.empty(), expr(pa.expr()), span(pa)));
            }
            return new Expr.Call(ident(call.ID()), args, span(call));
        }
        throw new IllegalStateException("unexpected primary node " + c.getClass().getSimpleName());
    }

    private Expr.Num number(Token t, Ident unit) {
        String text = t.getText();
        double v = Double.parseDouble(text);
        if (Double.isInfinite(v))
            errors.add(Diagnostic.error(DiagnosticCode.INVALID_LITERAL, Tokens.span(t),
                    "number `" + abbreviate(text) + "` is too large for a double", "out of range"));
        Span s = Tokens.span(t);
        return new Expr.Num(v, text, Optional.ofNullable(unit), unit == null ? s : s.to(unit.span()));
    }

    private String unescape(Token t) {
        String raw = t.getText();
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < raw.length() - 1; i++) {
            char ch = raw.charAt(i);
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            char e = raw.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '\\', '"', '\'' -> sb.append(e);
                default -> {
                    Span at = Tokens.span(t);
                    int col = at.column() + raw.codePointCount(0, i - 1);
                    errors.add(Diagnostic.error(DiagnosticCode.INVALID_LITERAL, new Span(at.line(), col, at.line(), col + 2),
                            "unknown escape `\\" + e + "` in string", "unknown escape")
                            .help("escapes are \\n \\t \\r \\\\ \\\" (write `\\\\` for a backslash)"));
                    sb.append(e);
                }
            }
        }
        return sb.toString();
    }

    private static Ident ident(TerminalNode n) {
        return ident(n.getSymbol());
    }

    private static Ident ident(Token t) {
        return new Ident(t.getText(), Tokens.span(t));
    }

    static Span span(ParserRuleContext c) {
        Span start = Tokens.span(c.getStart());
        Token stop = c.getStop();
        if (stop == null || stop.getTokenIndex() < c.getStart().getTokenIndex()) return Span.point(start.line(), start.column());
        return start.to(Tokens.span(stop));
    }

    /** True when the subtree holds an error node, a conjured (missing) token, or a recognition exception. */
    private static boolean hasErrors(ParserRuleContext root) {
        Deque<ParseTree> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            ParseTree t = todo.pop();
            if (t instanceof ErrorNode) return true;
            if (t instanceof TerminalNode tn) {
                if (tn.getSymbol().getTokenIndex() < 0) return true;
                continue;
            }
            if (t instanceof ParserRuleContext p) {
                if (p.exception != null) return true;
                for (int i = 0; i < p.getChildCount(); i++) todo.push(p.getChild(i));
            }
        }
        return false;
    }

    private static String abbreviate(String s) {
        return s.length() <= 24 ? s : s.substring(0, 21) + "...";
    }
}
