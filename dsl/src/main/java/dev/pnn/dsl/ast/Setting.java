package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

/** {@code key = value;} inside a hardware profile or a training plan. */
public record Setting(Ident key, Expr value, Span span) {
}
