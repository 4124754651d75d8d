package dev.pnn.runtime;

import com.google.inject.name.Names;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.SpiVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class PluginManagerTest {
    @TempDir
    Path tmp;

    /** A plugin contributing one loss whose summary reports what the plugin's class loader can see. */
    private static String probePlugin(String pkg, String pluginName, String lossName, String extraMembers) {
        return """
                package %1$s;
                import dev.pnn.spi.PnnPlugin;
                import dev.pnn.spi.train.LossFactory;
                import dev.pnn.spi.train.Loss;
                import dev.pnn.spi.ir.Args;
                import java.util.List;
                public class Plugin implements PnnPlugin {
                    @jakarta.inject.Inject @com.google.inject.name.Named("host") String host;
                    @jakarta.inject.Inject @com.google.inject.name.Named("own") String own;
                    public String name() { return "%2$s"; }
                    public com.google.inject.Module module() {
                        return b -> b.bindConstant().annotatedWith(com.google.inject.name.Names.named("own")).to("%2$s-own");
                    }
                    static String sees(String cls) {
                        try { Class.forName(cls, false, Plugin.class.getClassLoader()); return "visible"; }
                        catch (ClassNotFoundException e) { return "hidden"; }
                    }
                    public List<LossFactory> losses() {
                        String summary = "helper=" + com.acme.lib.Helper.flavor()
                                + " runtime=" + sees("dev.pnn.runtime.PluginManager")
                                + " jackson=" + sees("com.fasterxml.jackson.databind.ObjectMapper")
                                + " guice=" + sees("com.google.inject.Injector")
                                + " host=" + host + " own=" + own;
                        return List.of(new LossFactory() {
                            public String name() { return "%3$s"; }
                            public String summary() { return summary; }
                            public boolean needsLabels() { return true; }
                            public Loss create(Args args) { return (out, batch, grad) -> 0.0; }
                        });
                    }
                    %4$s
                }
                """.formatted(pkg, pluginName, lossName, extraMembers);
    }

    private static String helper(String flavor) {
        return "package com.acme.lib; public class Helper { public static String flavor() { return \"" + flavor + "\"; } }";
    }

    private Path jar(String file, String pkg, String pluginName, String lossName, String helperFlavor, String extra) {
        return PluginJars.build(tmp.resolve("plugins").resolve(file),
                Map.of(pkg + ".Plugin", probePlugin(pkg, pluginName, lossName, extra), "com.acme.lib.Helper", helper(helperFlavor)),
                List.of(pkg + ".Plugin"), List.of());
    }

    private PluginManager load(Path dir) {
        return PluginManager.load(ClassLoader.getPlatformClassLoader(), List.of(dir),
                b -> b.bindConstant().annotatedWith(Names.named("host")).to("shared"));
    }

    private static List<String> names(PluginManager pm) {
        return pm.plugins().stream().map(PluginInfo::name).toList();
    }

    private static PluginProblem onlyProblem(PluginManager pm) {
        assertEquals(1, pm.problems().size(), () -> "problems: " + pm.problems());
        return pm.problems().get(0);
    }

    private static void assertContains(String actual, String... parts) {
        for (String part : parts)
            assertTrue(actual.contains(part), () -> "expected '" + part + "' in: " + actual);
    }

    @Test
    void each_jar_gets_its_own_class_loader_that_sees_only_spi_guice_and_jdk() {
        jar("a.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        jar("b.jar", "com.acme.b", "beta", "loss_b", "B", "");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of(), pm.problems());
            assertEquals(List.of("alpha", "beta"), names(pm));
            // Both jars bundle their own com.acme.lib.Helper: each plugin sees its own version.
            assertEquals("helper=A runtime=hidden jackson=hidden guice=visible host=shared own=alpha-own",
                    pm.catalog().losses().find("loss_a").orElseThrow().summary());
            assertEquals("helper=B runtime=hidden jackson=hidden guice=visible host=shared own=beta-own",
                    pm.catalog().losses().find("loss_b").orElseThrow().summary());
            assertEquals("alpha (" + tmp.resolve("plugins").resolve("a.jar") + ")",
                    pm.catalog().losses().sourceOf("loss_a").orElseThrow());
        }
    }

    @Test
    void a_folder_of_jars_shares_one_class_loader() {
        Path folder = tmp.resolve("plugins").resolve("gamma");
        Path lib = PluginJars.build(folder.resolve("lib.jar"), Map.of("com.acme.lib.Helper", helper("lib")), List.of(), List.of());
        PluginJars.build(folder.resolve("plugin.jar"),
                Map.of("com.acme.g.Plugin", probePlugin("com.acme.g", "gamma", "loss_g", "")),
                List.of("com.acme.g.Plugin"), List.of(lib));
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of(), pm.problems());
            assertTrue(pm.catalog().losses().find("loss_g").orElseThrow().summary().startsWith("helper=lib "));
            assertEquals("gamma (" + folder + ")", pm.plugins().get(0).source());
        }
    }

    @Test
    void two_plugins_claiming_one_name_is_a_conflict_naming_both_sources() {
        Path a = jar("a.jar", "com.acme.a", "alpha", "dup", "A", "");
        Path b = jar("b.jar", "com.acme.b", "beta", "dup", "B", "");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertTrue(pm.hasConflicts());
            PluginProblem p = onlyProblem(pm);
            assertEquals(PluginProblem.Kind.CONFLICT, p.kind());
            assertEquals("two plugins provide the loss 'dup': alpha (" + a + ") and beta (" + b + ")", p.what());
            assertEquals("alpha (" + a + ")", pm.catalog().losses().sourceOf("dup").orElseThrow());
        }
    }

    @Test
    void two_plugins_with_one_plugin_name_conflict() {
        jar("a.jar", "com.acme.a", "same", "loss_a", "A", "");
        jar("b.jar", "com.acme.b", "same", "loss_b", "B", "");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.what().startsWith("two plugins are named 'same': same ("), p.what());
            assertContains(p.what(), "a.jar", "b.jar");
            assertTrue(pm.catalog().losses().find("loss_b").isEmpty());
        }
    }

    @Test
    void a_file_that_is_not_a_zip_is_reported_by_name_and_the_others_still_load() throws IOException {
        jar("good.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        Files.writeString(tmp.resolve("plugins").resolve("bad.jar"), "this is not a zip file");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of("alpha"), names(pm));
            PluginProblem p = onlyProblem(pm);
            assertEquals(PluginProblem.Kind.BROKEN, p.kind());
            assertTrue(p.what().startsWith("plugin jar " + tmp.resolve("plugins").resolve("bad.jar") + " is not a valid jar"), p.what());
            assertContains(p.hint(), "remove bad.jar");
        }
    }

    @Test
    void a_service_entry_naming_a_missing_class_is_reported_and_the_others_still_load() {
        jar("good.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        Path broken = PluginJars.build(tmp.resolve("plugins").resolve("broken.jar"),
                Map.of("com.acme.lib.Helper", helper("x")), List.of("com.acme.Missing"), List.of());
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of("alpha"), names(pm));
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.what().startsWith("cannot start a plugin from " + broken), p.what());
            assertContains(p.what(), "com.acme.Missing");
            assertContains(p.hint(), "lacks a class");
        }
    }

    @Test
    void a_jar_without_a_service_file_is_reported() {
        Path lib = PluginJars.build(tmp.resolve("plugins").resolve("lib.jar"), Map.of("com.acme.lib.Helper", helper("x")),
                List.of(), List.of());
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of(), pm.plugins());
            assertEquals(lib + " contains no pnn plugin (no " + PluginManager.SERVICE_FILE + ")", onlyProblem(pm).what());
        }
    }

    @Test
    void a_plugin_built_for_another_spi_version_is_refused() {
        jar("good.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        jar("old.jar", "com.acme.old", "old", "loss_old", "O", "public int spiVersion() { return 99; }");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of("alpha"), names(pm));
            assertTrue(pm.catalog().losses().find("loss_old").isEmpty());
            PluginProblem p = onlyProblem(pm);
            assertContains(p.what(), "plugin 'old'", "old.jar", "SPI version 99", "SPI version " + SpiVersion.CURRENT);
            assertContains(p.hint(), "rebuild the plugin against pnn-spi version " + SpiVersion.CURRENT);
        }
    }

    @Test
    void a_plugin_throwing_in_its_constructor_is_skipped_with_a_problem() {
        jar("good.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        jar("boom.jar", "com.acme.boom", "boom", "loss_boom", "X",
                "public Plugin() { throw new IllegalStateException(\"no license file\"); }");
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of("alpha"), names(pm));
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.where().endsWith("boom.jar"), p.where());
            assertContains(p.what(), "IllegalStateException: no license file");
        }
    }

    @Test
    void a_plugin_throwing_in_its_module_is_skipped_with_a_problem() {
        jar("good.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        PluginJars.build(tmp.resolve("plugins").resolve("mod.jar"), Map.of("com.acme.m.Plugin", """
                package com.acme.m;
                public class Plugin implements dev.pnn.spi.PnnPlugin {
                    public String name() { return "mod"; }
                    public com.google.inject.Module module() { throw new IllegalArgumentException("bad config"); }
                }
                """), List.of("com.acme.m.Plugin"), List.of());
        try (PluginManager pm = load(tmp.resolve("plugins"))) {
            assertEquals(List.of("alpha"), names(pm));
            PluginProblem p = onlyProblem(pm);
            assertTrue(p.what().startsWith("plugin mod ("), p.what());
            assertContains(p.what(), "mod.jar", "failed to start", "bad config");
        }
    }

    @Test
    void built_in_plugins_come_from_the_given_class_path_and_say_so() throws IOException {
        Path j = jar("cp.jar", "com.acme.a", "alpha", "loss_a", "A", "");
        Path elsewhere = Files.createDirectories(tmp.resolve("empty"));
        try (URLClassLoader app = new URLClassLoader(new URL[]{j.toUri().toURL()}, PluginManagerTest.class.getClassLoader());
             PluginManager pm = PluginManager.load(app, List.of(elsewhere),
                     b -> b.bindConstant().annotatedWith(Names.named("host")).to("h"))) {
            assertEquals(List.of(), pm.problems());
            assertEquals("alpha (classpath)", pm.catalog().losses().sourceOf("loss_a").orElseThrow());
        }
    }

    @Test
    void a_missing_plugin_folder_is_a_usage_error() {
        Path missing = tmp.resolve("nope");
        assertEquals("plugin directory not found: " + missing,
                assertThrows(PnnException.class, () -> load(missing)).getMessage());
    }
}
