package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

import java.util.List;
import java.util.Optional;

/** An expression: a value, a call, or an operator application. */
public sealed interface Expr {
    Span span();

    /**
     * A number as written ({@code 64}, {@code 1e4}, {@code .2}) with an optional unit ({@code rad}, {@code %}).
     * Units are checked by the compiler, so any identifier is accepted here.
     */
    record Num(double value, String text, Optional<Ident> unit, Span span) implements Expr {
    }

    record Str(String value, Span span) implements Expr {
    }

    record Bool(boolean value, Span span) implements Expr {
    }

    /** A bare identifier: a signal, a choice, a profile, a trainer without arguments. */
    record Name(String name, Span span) implements Expr {
    }

    /** {@code 0..9}, both ends as written. */
    record Range(Num from, Num to, Span span) implements Expr {
    }

    record ListLit(List<Expr> items, Span span) implements Expr {
        public ListLit {
            items = List.copyOf(items);
        }
    }

    record Call(Ident callee, List<Arg> args, Span span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        public List<Arg> positional() {
            return args.stream().filter(a -> !a.named()).toList();
        }

        public List<Arg> named() {
            return args.stream().filter(Arg::named).toList();
        }
    }

    /** Binary {@code + - * / ^}. */
    record Binary(String op, Expr left, Expr right, Span span) implements Expr {
    }

    /** Unary minus. */
    record Neg(Expr operand, Span span) implements Expr {
    }
}
