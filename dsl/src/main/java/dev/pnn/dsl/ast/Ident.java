package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

/** A name as written, with where it was written. */
public record Ident(String name, Span span) {
    @Override
    public String toString() {
        return name;
    }
}
