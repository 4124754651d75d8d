package dev.pnn.dsl;

import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.SourceFile;
import dev.pnn.dsl.ast.Stmt;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PnnParserTest {
    static String resource(String name) {
        try (InputStream in = PnnParserTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static SourceFile parseClean(String text) {
        ParseResult r = PnnParser.parse(text);
        assertTrue(r.ok(), () -> new DiagnosticRenderer("t.pnn", text).renderAll(r.diagnostics()));
        return r.file();
    }

    /** Fully parenthesized form, to see the tree the parser built. */
    static String show(Expr e) {
        if (e instanceof Expr.Num n) return n.text() + n.unit().map(u -> "[" + u.name() + "]").orElse("");
        if (e instanceof Expr.Name n) return n.name();
        if (e instanceof Expr.Str s) return '"' + s.value() + '"';
        if (e instanceof Expr.Bool b) return Boolean.toString(b.value());
        if (e instanceof Expr.Range r) return r.from().text() + ".." + r.to().text();
        if (e instanceof Expr.ListLit l) return l.items().stream().map(PnnParserTest::show).collect(Collectors.joining(", ", "[", "]"));
        if (e instanceof Expr.Neg n) return "(-" + show(n.operand()) + ")";
        if (e instanceof Expr.Binary b) return "(" + show(b.left()) + " " + b.op() + " " + show(b.right()) + ")";
        Expr.Call c = (Expr.Call) e;
        return c.callee().name() + c.args().stream().map(a -> a.name().map(n -> n.name() + ": ").orElse("") + show(a.value()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    static Expr expr(String text) {
        Item.Hardware h = parseClean("hardware h = b { v = " + text + "; }").hardware().get(0);
        return h.settings().get(0).value();
    }

    @Test
    void theArchitectureSampleParsesExactlyAsWritten() {
        SourceFile f = parseClean(resource("architecture.pnn"));
        assertEquals(5, f.items().size());
        assertEquals("photonics", f.uses().get(0).module().name());
        Item.Network net = f.networks().get(0);
        assertEquals(List.of("pixels", "signal", "mixed", "power", "logits"), net.body().stream().map(s -> s.name().name()).toList());
        Stmt.Input in = (Stmt.Input) net.body().get(0);
        assertEquals("real", in.type().domain().name());
        assertEquals("64", in.type().width());
        Stmt.Assign logits = (Stmt.Assign) net.body().get(4);
        assertTrue(logits.output());
        assertEquals("gain(take(power, 0..9))", show(logits.value()));
        assertFalse(f.hardware().get(0).hasBody());
        Item.Hardware lab = f.hardware().get(1);
        assertTrue(lab.hasBody());
        assertEquals("(shot_noise(photons: 1e4) + adc(bits: 10))", show(lab.settings().get(3).value()));
        assertEquals("gaussian(sigma: 0.05[rad])", show(lab.settings().get(0).value()));
        Item.Train plan = f.plans().get(0);
        assertEquals("MziDigits", plan.planName().name());
        assertEquals(List.of("data", "loss", "trainer", "optimizer", "epochs", "batch", "seed", "on", "evaluate"),
                plan.entries().stream().map(s -> s.key().name()).toList());
        assertEquals("digits8x8(\"data/digits8x8.csv.gz\", test: 20[%], seed: 1)", show(plan.entries().get(0).value()));
        assertEquals("monte_carlo(lab_chip, devices: 20)", show(plan.entries().get(8).value()));
    }

    @Test
    void spansAreLineColumnStartToEnd() {
        SourceFile f = parseClean("network N {\n    input x : real[4];\n    output y = gain(take(x, 0..1), init: 2);\n}\n");
        Stmt.Assign y = (Stmt.Assign) f.networks().get(0).body().get(1);
        assertEquals(new Span(3, 5, 3, 45), y.span());
        Expr.Call gain = (Expr.Call) y.value();
        assertEquals(new Span(3, 16, 3, 44), gain.span());
        Arg take = gain.args().get(0);
        assertEquals(new Span(3, 21, 3, 34), take.span());
        assertEquals(new Span(3, 29, 3, 33), ((Expr.Call) take.value()).args().get(1).value().span());
        assertEquals(new Span(3, 36, 3, 43), gain.args().get(1).span());
        assertEquals(new Span(1, 9, 1, 10), f.networks().get(0).name().span());
    }

    @Test
    void numbersQuantitiesAndLiterals() {
        assertEquals("[1e4, .2, 20[%], 0.05[rad], 1.5[nm], 3, \"s\", true, false, 0..9, [4, 4, 4]]",
                show(expr("[1e4, .2, 20%, 0.05 rad, 1.5 nm, 3, \"s\", true, false, 0..9, [4, 4, 4]]")));
        Expr.Num n = (Expr.Num) expr("1e4");
        assertEquals(10000.0, n.value());
        assertEquals(0.2, ((Expr.Num) expr(".2")).value());
        assertEquals(-0.5, ((Expr.Num) expr("-0.5")).value(), "a negated literal is folded into the number");
        assertEquals("a\"b\\c\nd", ((Expr.Str) expr("\"a\\\"b\\\\c\\nd\"")).value());
    }

    @Test
    void operatorPrecedenceAndAssociativity() {
        assertEquals("((d(u, t) + (((0.5 * (sigma ^ 2)) * (S ^ 2)) * d(u, S, S))) - (r * u))",
                show(expr("d(u, t) + 0.5 * sigma^2 * S^2 * d(u, S, S) - r * u")));
        assertEquals("(-(x ^ 2))", show(expr("-x^2")));
        assertEquals("(2 ^ (3 ^ 2))", show(expr("2^3^2")));
        assertEquals("((a - b) - c)", show(expr("a - b - c")));
        assertEquals("((a / b) * c)", show(expr("a / b * c")));
        assertEquals("((a + b) * c)", show(expr("(a + b) * c")));
        assertEquals("((-a) * b)", show(expr("-a * b")));
    }

    @Test
    void callsTakePositionalAndNamedArgumentsAndKeywordsAsNames() {
        assertEquals("sat(rho: .2, base: pat)", show(expr("sat(rho: .2, base: pat)")));
        assertEquals("digits8x8(\"p\", train: 80[%], input: 3, as: 1)", show(expr("digits8x8(\"p\", train: 80%, input: 3, as: 1,)")));
        assertEquals("monte_carlo(lab, devices: 20, seed: 3)", show(expr("monte_carlo(lab, devices: 20, seed: 3)")));
        assertEquals("f()", show(expr("f()")));
    }

    @Test
    void commentsAreIgnored() {
        SourceFile f = parseClean("""
                // line comment
                use photonics; /* block
                   comment with // inside and * stars ** */
                hardware ideal = photonic_sim; // trailing
                /**/
                """);
        assertEquals(2, f.items().size());
    }

    @Test
    void trainWithAnAlias() {
        Item.Train t = parseClean("train Net as fast { epochs = 1; }").plans().get(0);
        assertEquals("fast", t.planName().name());
        assertEquals("Net", t.network().name());
    }

    @Test
    void everySyntaxErrorIsCollectedAndBrokenItemsAreLeftOut() {
        String text = """
                network A { input x : real[4] output y = relu(x); }
                hardware ok = photonic_sim;
                train A { epochs = ; }
                hardware also_ok = photonic_sim { k = 1; }
                """;
        ParseResult r = PnnParser.parse(text);
        assertEquals(List.of(new Span(1, 30, 1, 30), new Span(3, 20, 3, 21)), r.diagnostics().stream().map(Diagnostic::span).toList());
        assertEquals("expected `;`, found keyword `output`", r.diagnostics().get(0).message());
        assertEquals("expected an expression, found `;`", r.diagnostics().get(1).message());
        assertEquals(List.of("ok", "also_ok"), r.file().hardware().stream().map(h -> h.name().name()).toList());
        assertTrue(r.file().networks().isEmpty());
    }

    @Test
    void commonSlipsGetAHelp() {
        ParseResult call = PnnParser.parse("network N { input x : real[4]; output y = modulate(x, mode = amplitude); }");
        assertEquals(List.of("named arguments are written with `:`, as in `modulate(x, mode: amplitude)`"), call.diagnostics().get(0).helps());
        ParseResult setting = PnnParser.parse("train N { epochs: 60; }");
        assertEquals("expected `=`, found `:`", setting.diagnostics().get(0).message());
        assertEquals(List.of("settings and plan entries are written with `=`, as in `epochs = 60;`"), setting.diagnostics().get(0).helps());
    }

    @Test
    void garbageNeverThrows() {
        for (String s : List.of("", "}", "{{{{", "network", "train X {", "\"", "/*", "use ;;;", "hardware a = b { c = (((; }", "\u0000\u0001",
                "network N { input x : real[99999999999999999999]; }", "x = 1e99999;"))
            PnnParser.parse(s);
    }
}
