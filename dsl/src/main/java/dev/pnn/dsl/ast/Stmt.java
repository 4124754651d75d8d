package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

/** A statement in a network body. */
public sealed interface Stmt {
    Span span();

    Ident name();

    /** {@code input pixels : real[64];} */
    record Input(Ident name, TypeRef type, Span span) implements Stmt {
    }

    /** {@code mixed = clements(signal);} or, with {@code output} true, {@code output logits = gain(...);}. */
    record Assign(Ident name, Expr value, boolean output, Span span) implements Stmt {
    }

    /** {@code output mixed;}: marks an already defined signal as the network's output. */
    record OutputRef(Ident name, Span span) implements Stmt {
    }
}
