package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input never crashes the compiler: every file under {@code malformed/} (syntax, names, shapes, domains, units,
 * capabilities, empty, binary, deep nesting) and generated large files (a 5 MB network, a megabyte of garbage, a
 * 50,000-term expression) give located diagnostics, no exception and
 * no internal error. (The CLI's exit code 2 is checked by the CLI's own tests.)
 */
class MalformedInputTest {
    static final PnnCompiler COMPILER = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none());

    static Path dir() {
        try {
            return Path.of(MalformedInputTest.class.getResource("/malformed").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Map<String, List<String>> expectations() throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir().resolve("expected.txt"))) {
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] parts = line.split(":", 2);
            out.put(parts[0].trim(), List.of(parts[1].trim().split("\\s*,\\s*")));
        }
        return out;
    }

    @Test
    void everyFileHasAnExpectation() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(dir())) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals("expected.txt")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(files, new TreeSet<>(expectations().keySet()));
    }

    @TestFactory
    List<DynamicTest> eachMalformedFileGivesItsDiagnostics() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        expectations().forEach((file, codes) -> tests.add(DynamicTest.dynamicTest(file, () -> {
            Compilation c = COMPILER.compile(dir().resolve(file));
            assertWellFormedFailure(c);
            Set<String> found = c.diagnostics().stream().map(d -> d.code().id()).collect(Collectors.toSet());
            for (String code : codes) assertTrue(found.contains(code), "expected " + code + " in\n" + c.render());
        })));
        return tests;
    }

    /** Not ok, at least one error, none internal, every span inside the text, and a rendering that shows them. */
    static void assertWellFormedFailure(Compilation c) {
        assertFalse(c.ok());
        assertTrue(c.program().isEmpty());
        assertFalse(c.diagnostics().isEmpty());
        int lines = c.text().split("\r\n|\r|\n", -1).length;
        for (Diagnostic d : c.diagnostics()) {
            assertFalse(d.code() == DiagnosticCode.INTERNAL_ERROR || d.code() == DiagnosticCode.PLUGIN_FAILURE, c.render());
            assertTrue(d.span().line() >= 1 && d.span().endLine() <= Math.max(1, lines), d + " outside " + lines + " lines");
            assertFalse(d.message().isBlank());
        }
        String rendered = c.render();
        assertTrue(rendered.contains("error[PNN-E"), rendered);
        assertTrue(c.diagnostics().size() <= Diagnostics.LIMIT + 1);
    }

    @Test
    void aFiveMegabyteNetworkWithOneMistakeGivesExactlyThatDiagnostic(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("big.pnn");
        int n;
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("network Big {\n    input s0 : real[8];\n");
            n = 1;
            long bytes = 0;
            while (bytes < 5_000_000) {
                String line = "    s" + n + " = " + (n % 2 == 0 ? "relu" : "tanh") + "(s" + (n - 1) + ");\n";
                w.write(line);
                bytes += line.length();
                n++;
            }
            w.write("    output y = rleu(s" + (n - 1) + ");\n}\n");
        }
        assertTrue(Files.size(f) >= 5_000_000);
        Compilation c = COMPILER.compile(f);
        assertWellFormedFailure(c);
        assertEquals(1, c.diagnostics().size(), c.render());
        Diagnostic d = c.diagnostics().get(0);
        assertEquals(DiagnosticCode.UNKNOWN_NAME, d.code());
        assertEquals(n + 2, d.span().line());
        assertEquals(List.of("did you mean `relu`?"), d.helps());
    }

    @Test
    void aMegabyteOfPrintableGarbageStopsAfterTheLimit(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("garbage.pnn");
        dev.pnn.spi.Rng rng = new dev.pnn.spi.Rng(11);
        String alphabet = "abcxyz {}();:=,.[]^*/+-\"%0123456789\n\t#@!?~";
        StringBuilder sb = new StringBuilder(1_000_000);
        while (sb.length() < 1_000_000) sb.append(alphabet.charAt(rng.nextInt(alphabet.length())));
        Files.writeString(f, sb);
        Compilation c = COMPILER.compile(f);
        assertWellFormedFailure(c);
        assertEquals(DiagnosticCode.TOO_MANY_ERRORS, c.diagnostics().get(c.diagnostics().size() - 1).code());
    }

    @Test
    void aLongNoiseSumOfUnknownModelsReportsEachNameOnce(@TempDir Path tmp) throws IOException {
        // 50,000 terms: the left-deep expression tree is that deep, more than a default thread stack holds; the
        // compiler's own thread stack absorbs it.
        Path f = tmp.resolve("sum.pnn");
        StringBuilder sb = new StringBuilder("hardware h = photonic_sim {\n    detector = q");
        for (int i = 0; i < 50_000; i++) sb.append(i % 2 == 0 ? " + q" : " + shot_noise(photons: 10)");
        sb.append(";\n}\n");
        Files.writeString(f, sb);
        Compilation c = COMPILER.compile(f);
        assertWellFormedFailure(c);
        assertEquals(1, c.diagnostics().size(), c.render());
        assertEquals("unknown noise model 'q'", c.diagnostics().get(0).message());
    }

    @Test
    void manyDistinctErrorsStopAtTheLimit() {
        StringBuilder sb = new StringBuilder("network N {\n    input x : real[4];\n");
        for (int i = 0; i < 500; i++) sb.append("    s").append(i).append(" = nosuch").append(i).append("(x);\n");
        sb.append("    output y = relu(x);\n}\n");
        Compilation c = COMPILER.compile("many.pnn", sb.toString());
        assertWellFormedFailure(c);
        assertEquals(Diagnostics.LIMIT + 1, c.diagnostics().size());
        assertEquals(DiagnosticCode.TOO_MANY_ERRORS, c.diagnostics().get(Diagnostics.LIMIT).code());
        assertEquals("too many errors; stopped after " + Diagnostics.LIMIT, c.diagnostics().get(Diagnostics.LIMIT).message());
    }

    @Test
    void aDirectoryIsNotASourceFile(@TempDir Path tmp) {
        Compilation c = COMPILER.compile(tmp);
        assertWellFormedFailure(c);
        assertEquals(DiagnosticCode.UNREADABLE_FILE, c.diagnostics().get(0).code());
    }
}
