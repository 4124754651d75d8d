package dev.pnn.physics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Replaces the text between {@code <!-- name:begin -->} and {@code <!-- name:end -->} in a generated doc. */
final class DocSection {
    private DocSection() {
    }

    static Path repoRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("samples"))) p = p.getParent();
        if (p == null) throw new IllegalStateException("run from inside the pnn repository");
        return p;
    }

    static void replace(Path doc, String name, String body) throws IOException {
        String begin = "<!-- " + name + ":begin -->", end = "<!-- " + name + ":end -->";
        String text = Files.readString(doc);
        int b = text.indexOf(begin), e = text.indexOf(end);
        if (b < 0 || e < b) throw new IllegalStateException(doc + " lacks the markers " + begin + " ... " + end);
        Files.writeString(doc, text.substring(0, b + begin.length()) + "\n" + body + text.substring(e));
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores (" + System.getProperty("os.arch") + ", "
                + System.getProperty("os.name") + "), Java " + System.getProperty("java.version") + ", "
                + java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).withNano(0) + ", shared machine";
    }
}
