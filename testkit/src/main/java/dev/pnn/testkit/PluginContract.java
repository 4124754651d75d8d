package dev.pnn.testkit;

import dev.pnn.spi.Named;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.SpiVersion;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.train.TrainerFactory;
import net.jqwik.api.Example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every plugin must satisfy before {@code pnn --plugins} loads it: complete metadata (non-blank name,
 * version and summaries, every argument and setting documented), the current SPI version, a
 * {@code META-INF/services/dev.pnn.spi.PnnPlugin} entry naming the plugin class, and names unique within each
 * kind (the catalog keys every kind by name, and two plugins claiming one name is a load error).
 */
public interface PluginContract {
    PnnPlugin plugin();

    @Example
    default void metadata_is_complete_and_built_for_the_current_spi() {
        PnnPlugin p = plugin();
        List<String> problems = new ArrayList<>();
        if (p.name() == null || !p.name().matches("[a-z][a-z0-9_-]*"))
            problems.add("plugin name '" + p.name() + "' must be lower case letters, digits, '-' or '_'");
        if (p.version() == null || p.version().isBlank()) problems.add("version() is blank");
        if (p.spiVersion() != SpiVersion.CURRENT)
            problems.add("built for SPI version " + p.spiVersion() + ", current is " + SpiVersion.CURRENT);
        if (p.module() == null) problems.add("module() returned null (return a module that binds nothing instead)");
        fail(p, problems);
    }

    @Example
    default void service_file_lists_the_plugin_class() {
        PnnPlugin p = plugin();
        String file = "META-INF/services/" + PnnPlugin.class.getName();
        String cls = p.getClass().getName();
        try {
            List<URL> urls = Collections.list(p.getClass().getClassLoader().getResources(file));
            for (URL u : urls) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(u.openStream(), StandardCharsets.UTF_8))) {
                    for (String line = r.readLine(); line != null; line = r.readLine())
                        if (line.replaceAll("#.*", "").trim().equals(cls)) return;
                }
            }
            throw new AssertionError("plugin '" + p.name() + "': no " + file + " on the class path lists " + cls
                    + " (found " + urls.size() + " service files); pnn finds plugins only through that file");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Example
    default void contributions_are_named_documented_and_unique() {
        PnnPlugin p = plugin();
        Map<String, List<? extends Named>> kinds = contributions(p);
        List<String> problems = new ArrayList<>();
        kinds.forEach((kind, items) -> {
            Set<String> seen = new HashSet<>();
            for (Named n : items) {
                String label = kind + " '" + n.name() + "'";
                if (n.name() == null || !n.name().matches("[a-z_][a-z0-9_]*"))
                    problems.add(label + ": name must be a lower-case .pnn identifier");
                else if (!seen.add(n.name())) problems.add(label + ": contributed twice (names are unique per kind)");
                if (n.summary() == null || n.summary().isBlank()) problems.add(label + ": summary() is blank");
                for (ArgSpec a : argsOf(n))
                    if (a.doc() == null || a.doc().isBlank()) problems.add(label + ": argument '" + a.name() + "' has no doc");
                if (n instanceof Backend b) {
                    for (SettingSpec s : b.settings())
                        if (s.doc() == null || s.doc().isBlank()) problems.add(label + ": setting '" + s.key() + "' has no doc");
                    if (b.capabilities().isEmpty()) problems.add(label + ": declares no capability");
                    if (b.blocks().isEmpty()) problems.add(label + ": runs no block");
                }
                if (n instanceof TrainerFactory t && (t.kind() == null || t.requires() == null))
                    problems.add(label + ": kind() and requires() must not be null");
                if (n instanceof BlockType bt && (bt.module() == null || bt.module().isBlank()))
                    problems.add(label + ": module() is blank");
            }
        });
        fail(p, problems);
    }

    /**
     * The plugins this one will be loaded with; by default every other plugin on the test class path (found as pnn
     * finds built-ins). A name two plugins claim in one kind is a load error, so it is a contract failure here.
     */
    default List<PnnPlugin> loadedAlongside() {
        List<PnnPlugin> others = new ArrayList<>();
        for (PnnPlugin p : java.util.ServiceLoader.load(PnnPlugin.class, plugin().getClass().getClassLoader()))
            if (!p.getClass().equals(plugin().getClass())) others.add(p);
        return others;
    }

    @Example
    default void names_do_not_clash_with_plugins_loaded_alongside() {
        PnnPlugin p = plugin();
        List<String> problems = new ArrayList<>();
        for (PnnPlugin other : loadedAlongside()) {
            if (other.name().equals(p.name()))
                problems.add("plugin name '" + p.name() + "' is also the name of " + other.getClass().getName());
            Map<String, List<? extends Named>> mine = contributions(p), theirs = contributions(other);
            mine.forEach((kind, items) -> {
                Set<String> taken = new HashSet<>();
                for (Named n : theirs.get(kind)) taken.add(n.name());
                for (Named n : items)
                    if (taken.contains(n.name()))
                        problems.add(kind + " '" + n.name() + "' is also contributed by plugin '" + other.name() + "' ("
                                + other.getClass().getName() + ")");
            });
        }
        fail(p, problems);
    }

    private static Map<String, List<? extends Named>> contributions(PnnPlugin p) {
        Map<String, List<? extends Named>> kinds = new LinkedHashMap<>();
        kinds.put("block", p.blocks());
        kinds.put("backend", p.backends());
        kinds.put("trainer", p.trainers());
        kinds.put("optimizer", p.optimizers());
        kinds.put("loss", p.losses());
        kinds.put("dataset", p.datasets());
        kinds.put("noise model", p.noiseModels());
        return kinds;
    }

    private static List<ArgSpec> argsOf(Named n) {
        if (n instanceof BlockType b) return b.args();
        if (n instanceof TrainerFactory t) return t.args();
        if (n instanceof dev.pnn.spi.train.OptimizerFactory o) return o.args();
        if (n instanceof dev.pnn.spi.train.LossFactory l) return l.args();
        if (n instanceof dev.pnn.spi.data.DatasetFactory d) return d.args();
        if (n instanceof dev.pnn.spi.noise.NoiseModelFactory f) return f.args();
        return List.of();
    }

    private static void fail(PnnPlugin p, List<String> problems) {
        if (!problems.isEmpty())
            throw new AssertionError("plugin '" + p.name() + "' (" + p.getClass().getName() + ") has "
                    + problems.size() + " metadata problem(s):\n  - " + String.join("\n  - ", problems));
    }
}
