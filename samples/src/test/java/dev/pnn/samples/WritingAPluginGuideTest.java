package dev.pnn.samples;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/writing-a-plugin.md shows every file of the sample plugin under a {@code #### `path`} heading; the sample is
 * built and contract-tested by this build, so the guide's code is checked by keeping the two identical.
 */
class WritingAPluginGuideTest {
    private static final Path SAMPLES = Path.of(".").toAbsolutePath().normalize();
    private static final Path PLUGIN = SAMPLES.resolve("sample-plugin");
    private static final Path GUIDE = SAMPLES.resolve("../docs/writing-a-plugin.md").normalize();

    private static Map<String, String> guideFiles() throws IOException {
        Matcher m = Pattern.compile("#### `([^`]+)`\\n\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(GUIDE));
        Map<String, String> files = new LinkedHashMap<>();
        while (m.find()) files.put(m.group(1), m.group(2));
        return files;
    }

    @Test
    void every_file_shown_in_the_guide_is_the_sample_plugins_file_verbatim() throws IOException {
        Map<String, String> files = guideFiles();
        assertTrue(files.size() >= 10, "expected the guide to show the plugin's files, found " + files.keySet());
        for (var e : files.entrySet()) {
            Path f = PLUGIN.resolve(e.getKey());
            assertTrue(Files.exists(f), "the guide shows " + e.getKey() + ", which the sample plugin does not have");
            String actual = Files.readString(f);
            if (!actual.endsWith("\n")) actual += "\n";
            assertEquals(actual, e.getValue(), "docs/writing-a-plugin.md shows an outdated " + e.getKey());
        }
    }

    @Test
    void every_file_of_the_sample_plugin_is_in_the_guide() throws IOException {
        TreeSet<String> onDisk = new TreeSet<>();
        onDisk.add("pom.xml");
        try (Stream<Path> s = Files.walk(PLUGIN.resolve("src"))) {
            s.filter(Files::isRegularFile).forEach(p -> onDisk.add(PLUGIN.relativize(p).toString().replace('\\', '/')));
        }
        TreeSet<String> missing = new TreeSet<>(onDisk);
        missing.removeAll(guideFiles().keySet());
        assertEquals(List.of(), List.copyOf(missing), "files of samples/sample-plugin the guide does not show");
    }
}
