package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

import java.util.Optional;

/** One call argument: positional ({@code name} empty) or named ({@code k: v}). */
public record Arg(Optional<Ident> name, Expr value, Span span) {
    public boolean named() {
        return name.isPresent();
    }
}
