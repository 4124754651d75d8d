/**
 * The .pnn language front end: {@link dev.pnn.dsl.PnnParser} turns text into the AST of {@code dev.pnn.dsl.ast}
 * (records with {@link dev.pnn.dsl.Span}s) plus syntax {@link dev.pnn.dsl.Diagnostic}s, never throwing. The
 * diagnostic model ({@link dev.pnn.dsl.DiagnosticCode} with stable {@code PNN-Exxxx} codes) and the rustc-style
 * {@link dev.pnn.dsl.DiagnosticRenderer} live here so that every later stage reports the same way. The grammar is
 * {@code src/main/antlr4/dev/pnn/dsl/grammar/Pnn.g4}; its generated parser is internal.
 */
package dev.pnn.dsl;
