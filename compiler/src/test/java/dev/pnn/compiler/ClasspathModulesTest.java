package dev.pnn.compiler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClasspathModulesTest {
    @Test
    void aPluginLoaderCanShipItsOwnModule(@TempDir Path jar) throws Exception {
        Path dir = Files.createDirectories(jar.resolve("pnn/stdlib"));
        Files.writeString(dir.resolve("acme.pnn"), "// presets of the acme chip\nhardware acme_chip = photonic_sim { detector = adc(bits: 6); }\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[]{jar.toUri().toURL()}, null)) {
            ClasspathModules modules = new ClasspathModules(loader);
            assertTrue(modules.load("acme").orElseThrow().contains("acme_chip"));
            assertEquals(Optional.empty(), modules.load("photonics"), "a parentless loader sees only its own modules");
            assertEquals(Optional.empty(), modules.load("../etc/passwd"), "module names are identifiers, not paths");
            Compilation c = new PnnCompiler(FakePlugins.catalog(), modules).compile("a.pnn", DiagnosticCodesTest.HEADER.replace("use photonics;", "use photonics;\nuse acme;")
                    + "train Net { data = digits8x8(\"d.csv\"); loss = mse; trainer = backprop; optimizer = adam; on = ideal; evaluate = acme_chip; }\n");
            assertTrue(c.ok(), c.render());
            assertEquals("pnn/stdlib/acme.pnn", c.program().orElseThrow().profile("acme_chip").orElseThrow().loc().file());
        }
    }

    @Test
    void theStandardLoaderFindsTheStdlib() {
        assertTrue(ClasspathModules.standard().load("photonics").orElseThrow().contains("hardware sin_foundry"));
    }
}
