package dev.pnn.dsl;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiagnosticRendererTest {
    @Test
    void rendersHeaderLocationSourceCaretsNotesAndHelps() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, new Span(2, 9, 2, 16), "unknown block 'clement'", "unknown block")
                .note("blocks: clements").help("did you mean `clements`?");
        String out = new DiagnosticRenderer("f.pnn", "use photonics;\n    m = clement(s);\n").render(d);
        assertEquals("""
                error[PNN-E0201]: unknown block 'clement'
                 --> f.pnn:2:9
                  |
                2 |     m = clement(s);
                  |         ^^^^^^^ unknown block
                  = note: blocks: clements
                  = help: did you mean `clements`?
                """, out);
    }

    @Test
    void tabsWidenToFourSpacesAndCaretsFollow() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, new Span(1, 3, 1, 4), "m", "");
        String out = new DiagnosticRenderer("f", "\t\tx").render(d);
        assertTrue(out.contains("1 |         x\n  |         ^\n"), out);
    }

    @Test
    void aPointSpanGetsOneCaret() {
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNEXPECTED_TOKEN, Span.point(1, 4), "expected `;`", "expected `;`");
        assertTrue(new DiagnosticRenderer("f", "abc").render(d).contains("1 | abc\n  |    ^ expected `;`\n"));
    }

    @Test
    void longLinesAreShownAsAWindowAroundTheSpan() {
        String line = "x".repeat(10_000) + "BAD" + "y".repeat(10_000);
        Diagnostic d = Diagnostic.error(DiagnosticCode.INVALID_CHARACTER, new Span(1, 10_001, 1, 10_004), "bad", "here");
        String out = new DiagnosticRenderer("f", line).render(d);
        assertTrue(out.length() < 600, out);
        String[] rows = out.split("\n");
        String src = rows[3], carets = rows[4];
        assertTrue(src.startsWith("1 | ...") && src.endsWith("..."), src);
        assertEquals(src.indexOf("BAD"), carets.indexOf("^^^"));
        assertTrue(carets.endsWith("^^^ here"), carets);
    }

    @Test
    void renderAllCountsErrors() {
        List<Diagnostic> ds = List.of(Diagnostic.error(DiagnosticCode.EMPTY_FILE, Span.FILE, "`e.pnn` is empty", ""));
        assertEquals("error[PNN-E0103]: `e.pnn` is empty\n --> e.pnn:1:1\n\nerror: e.pnn: 1 error\n",
                new DiagnosticRenderer("e.pnn", "").renderAll(ds));
    }

    @Test
    void codesAreStableAndUnique() {
        assertEquals("PNN-E0401", DiagnosticCode.CAPABILITY_MISMATCH.id());
        assertEquals("PNN-E0104", DiagnosticCode.UNEXPECTED_TOKEN.id());
        assertEquals(DiagnosticCode.values().length,
                java.util.Arrays.stream(DiagnosticCode.values()).map(DiagnosticCode::id).distinct().count());
    }
}
