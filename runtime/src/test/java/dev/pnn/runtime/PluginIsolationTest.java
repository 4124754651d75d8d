package dev.pnn.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Isolation cases beyond {@link PluginManagerTest}: a plugin bundling its own version of a library the host also
 * uses; a plugin shipping a stale copy of an SPI class; a plugin built against a newer SPI (a class this SPI lacks);
 * a plugin throwing while listing its contributions or in its static initializer. Bad plugins are reported with
 * what and where, and the good one still loads.
 */
class PluginIsolationTest {
    @TempDir
    Path tmp;

    private Path plugins() {
        return tmp.resolve("plugins");
    }

    /** A plugin contributing one loss named {@code loss} whose summary is {@code summaryExpr} (Java expression). */
    private static String plugin(String pkg, String name, String loss, String summaryExpr, String extra) {
        return """
                package %1$s;
                import dev.pnn.spi.PnnPlugin;
                import dev.pnn.spi.train.LossFactory;
                import dev.pnn.spi.train.Loss;
                import dev.pnn.spi.ir.Args;
                import java.util.List;
                public class Plugin implements PnnPlugin {
                    public String name() { return "%2$s"; }
                    public List<LossFactory> losses() {
                        String summary = %4$s;
                        return List.of(new LossFactory() {
                            public String name() { return "%3$s"; }
                            public String summary() { return summary; }
                            public boolean needsLabels() { return true; }
                            public Loss create(Args args) { return (out, batch, grad) -> 0.0; }
                        });
                    }
                    %5$s
                }
                """.formatted(pkg, name, loss, summaryExpr, extra);
    }

    private void good() {
        PluginJars.build(plugins().resolve("good.jar"),
                Map.of("com.acme.good.Plugin", plugin("com.acme.good", "good", "loss_good", "\"fine\"", "")),
                List.of("com.acme.good.Plugin"), List.of());
    }

    private static PluginManager load(Path dir) {
        return PluginManager.load(ClassLoader.getPlatformClassLoader(), List.of(dir), b -> {
        });
    }

    private static PluginProblem onlyProblem(PluginManager pm) {
        assertEquals(1, pm.problems().size(), () -> "problems: " + pm.problems());
        return pm.problems().get(0);
    }

    @Test
    void a_plugin_bundling_its_own_version_of_a_host_library_uses_it_and_the_host_keeps_its_own() throws Exception {
        good();
        // A "Jackson 0.1" whose ObjectMapper has a method the host's 2.x lacks: the plugin compiles and runs
        // against it, although the host (and the test class path) has jackson-databind 2.18 under the same name.
        String oldJackson = """
                package com.fasterxml.jackson.databind;
                public class ObjectMapper { public static String bundledVersion() { return "0.1-bundled"; } }
                """;
        // Compiled together with the plugin, so javac takes the bundled source over the class path's 2.x.
        PluginJars.build(plugins().resolve("legacy.jar"), Map.of(
                        "com.acme.legacy.Plugin", plugin("com.acme.legacy", "legacy", "loss_legacy",
                                "com.fasterxml.jackson.databind.ObjectMapper.bundledVersion()", ""),
                        "com.fasterxml.jackson.databind.ObjectMapper", oldJackson),
                List.of("com.acme.legacy.Plugin"), List.of());
        try (PluginManager pm = load(plugins())) {
            assertEquals(List.of(), pm.problems());
            assertEquals("0.1-bundled", pm.catalog().losses().find("loss_legacy").orElseThrow().summary());
            assertEquals("fine", pm.catalog().losses().find("loss_good").orElseThrow().summary());
        }
        // the host's Jackson is untouched by the plugin's copy
        assertEquals("[1,2]", new ObjectMapper().writeValueAsString(List.of(1, 2)));
    }

    @Test
    void a_stale_copy_of_an_spi_class_inside_a_plugin_jar_is_ignored_in_favour_of_the_hosts() {
        // The plugin jar carries its own dev.pnn.spi.SpiVersion saying 0; the shared SPI always comes from the host,
        // so host and plugin agree on SPI types and the plugin reads the host's version.
        String stale = "package dev.pnn.spi; public final class SpiVersion { public static int CURRENT = 0; }";
        PluginJars.build(plugins().resolve("stale.jar"), Map.of(
                        "com.acme.stale.Plugin", plugin("com.acme.stale", "stale", "loss_stale",
                                "readVersion()", """
                                        static String readVersion() {
                                            try { return "spi=" + dev.pnn.spi.SpiVersion.class.getField("CURRENT").get(null); }
                                            catch (ReflectiveOperationException e) { throw new IllegalStateException(e); }
                                        }
                                        public int spiVersion() { return 1; }
                                        """),
                        "dev.pnn.spi.SpiVersion", stale),
                List.of("com.acme.stale.Plugin"), List.of());
        try (PluginManager pm = load(plugins())) {
            assertEquals(List.of(), pm.problems());
            assertEquals("spi=" + dev.pnn.spi.SpiVersion.CURRENT,
                    pm.catalog().losses().find("loss_stale").orElseThrow().summary());
        }
    }

    @Test
    void a_plugin_built_against_a_newer_spi_is_refused_with_a_clear_error_and_the_rest_load() {
        good();
        // Compiled against an SPI that has dev.pnn.spi.FutureApi; this pnn's SPI does not.
        Path newerSpi = PluginJars.build(tmp.resolve("newer-spi.jar"),
                Map.of("dev.pnn.spi.FutureApi", "package dev.pnn.spi; public final class FutureApi { public static String hello() { return \"hi\"; } }"),
                List.of(), List.of());
        PluginJars.build(plugins().resolve("future.jar"), Map.of("com.acme.future.Plugin",
                        plugin("com.acme.future", "future", "loss_future", "dev.pnn.spi.FutureApi.hello()", "")),
                List.of("com.acme.future.Plugin"), List.of(newerSpi));
        try (PluginManager pm = load(plugins())) {
            assertEquals(List.of("good"), pm.plugins().stream().map(PluginInfo::name).toList());
            PluginProblem p = onlyProblem(pm);
            assertEquals(PluginProblem.Kind.BROKEN, p.kind());
            assertTrue(p.what().contains("plugin future (") && p.what().contains("future.jar")
                       && p.what().contains("dev/pnn/spi/FutureApi"), p.what());
            assertTrue(p.hint().contains("lacks a class"), p.hint());
            assertTrue(pm.catalog().losses().find("loss_future").isEmpty());
        }
    }

    @Test
    void a_plugin_throwing_while_listing_contributions_contributes_nothing_and_the_rest_load() {
        good();
        PluginJars.build(plugins().resolve("half.jar"), Map.of("com.acme.half.Plugin",
                        plugin("com.acme.half", "half", "loss_half", "\"half\"", """
                                public List<dev.pnn.spi.device.Backend> backends() {
                                    throw new IllegalStateException("instrument not connected");
                                }
                                """)),
                List.of("com.acme.half.Plugin"), List.of());
        try (PluginManager pm = load(plugins())) {
            assertEquals(List.of("good"), pm.plugins().stream().map(PluginInfo::name).toList());
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.what().startsWith("plugin half (") && p.what().contains("failed to start")
                       && p.what().contains("IllegalStateException: instrument not connected"), p.what());
            // nothing half-registered: its loss, listed before the failing list, is not in the catalog
            assertTrue(pm.catalog().losses().find("loss_half").isEmpty());
        }
    }

    @Test
    void a_plugin_failing_in_its_static_initializer_is_reported_and_the_rest_load() {
        good();
        PluginJars.build(plugins().resolve("static.jar"), Map.of("com.acme.st.Plugin",
                        plugin("com.acme.st", "static_fail", "loss_static", "\"x\"", """
                                static final int PORT = Integer.parseInt("not a port");
                                """)),
                List.of("com.acme.st.Plugin"), List.of());
        try (PluginManager pm = load(plugins())) {
            assertEquals(List.of("good"), pm.plugins().stream().map(PluginInfo::name).toList());
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.what().contains("static.jar") && p.what().contains("NumberFormatException"), p.what());
        }
    }
}
