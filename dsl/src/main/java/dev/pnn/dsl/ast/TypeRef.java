package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

/** {@code real[64]}: a domain name and a width as written (the width's text is kept for checking). */
public record TypeRef(Ident domain, String width, Span widthSpan, Span span) {
}
