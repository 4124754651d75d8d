package dev.pnn.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.pnn.compiler.ClasspathModules;
import dev.pnn.compiler.ModuleSource;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.SpiVersion;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds and starts plugins: the built-in ones on the application class path (through {@link ServiceLoader}), and
 * third-party ones from {@code --plugins} folders, where each jar (or sub-folder of jars) gets its own
 * {@link PluginClassLoader} that sees only the JDK, the SPI and Guice. Each plugin gets a Guice child injector of
 * a shared root injector, built from its {@link PnnPlugin#module()}, and is member-injected before any of its
 * contribution lists is read. Contributions land in a {@link Catalog} keyed by name.
 *
 * <p>Loading never throws for a bad plugin: a broken jar becomes a {@link PluginProblem} naming it, and the
 * others still load. Only a missing plugin folder (a usage error) throws.
 */
public final class PluginManager implements AutoCloseable {
    public static final String SERVICE_FILE = "META-INF/services/" + PnnPlugin.class.getName();

    private final List<PluginInfo> plugins;
    private final Catalog catalog;
    private final List<PluginProblem> problems;
    private final List<PluginClassLoader> loaders;

    private PluginManager(List<PluginInfo> plugins, Catalog catalog, List<PluginProblem> problems,
                          List<PluginClassLoader> loaders) {
        this.plugins = List.copyOf(plugins);
        this.catalog = catalog;
        this.problems = List.copyOf(problems);
        this.loaders = List.copyOf(loaders);
    }

    /** Built-in plugins of the application class path plus the plugins in {@code pluginDirs}. */
    public static PluginManager load(List<Path> pluginDirs) {
        return load(PluginManager.class.getClassLoader(), pluginDirs, binder -> {
        });
    }

    /**
     * @param builtIns       where to look for built-in plugins (the application class loader in production)
     * @param pluginDirs     folders of plugin jars; each must exist
     * @param sharedBindings bindings every plugin's injector inherits from the root injector
     * @throws PnnException when a plugin folder does not exist or is not a folder
     */
    public static PluginManager load(ClassLoader builtIns, List<Path> pluginDirs, Module sharedBindings) {
        for (Path dir : pluginDirs) {
            if (!Files.isDirectory(dir))
                throw new PnnException("plugin directory not found: " + dir,
                        "--plugins expects a folder holding plugin jars (or sub-folders of jars); check the path");
        }
        List<PluginProblem> problems = new ArrayList<>();
        List<PluginClassLoader> loaders = new ArrayList<>();
        CatalogBuilder catalog = new CatalogBuilder(problems);
        Injector root = Guice.createInjector(sharedBindings);

        for (PnnPlugin p : discover(ServiceLoader.load(PnnPlugin.class, builtIns), "classpath", problems))
            start(p, Optional.empty(), root, catalog, problems);

        for (Path dir : pluginDirs) {
            for (Bundle bundle : bundlesIn(dir, problems)) {
                Optional<PluginClassLoader> loader = openBundle(bundle, problems);
                if (loader.isEmpty()) continue;
                loaders.add(loader.get());
                List<PnnPlugin> found = discover(ServiceLoader.load(PnnPlugin.class, loader.get()),
                        bundle.location().toString(), problems);
                for (PnnPlugin p : found) start(p, Optional.of(bundle.location()), root, catalog, problems);
            }
        }
        return new PluginManager(catalog.plugins(), catalog.build(), problems, loaders);
    }

    public List<PluginInfo> plugins() {
        return plugins;
    }

    public Catalog catalog() {
        return catalog;
    }

    /** Every problem met, broken jars and conflicts, in the order found. */
    public List<PluginProblem> problems() {
        return problems;
    }

    /**
     * Where {@code use <module>;} looks: the stdlib and the application class path first, then modules shipped
     * inside plugin jars ({@code pnn/stdlib/<name>.pnn}), in plugin folder order.
     */
    public ModuleSource modules() {
        List<ModuleSource> sources = new ArrayList<>();
        sources.add(ClasspathModules.standard());
        for (PluginClassLoader l : loaders) sources.add(new ClasspathModules(l));
        return module -> sources.stream().map(s -> s.load(module)).flatMap(Optional::stream).findFirst();
    }

    public boolean hasConflicts() {
        return problems.stream().anyMatch(PluginProblem::isConflict);
    }

    @Override
    public void close() {
        for (PluginClassLoader l : loaders) {
            try {
                l.close();
            } catch (IOException ignored) {
                // closing only releases jar file handles; nothing to report
            }
        }
    }

    /** A unit of isolation: one jar, or one folder of jars that share a class loader. */
    private record Bundle(Path location, List<Path> jars) {
    }

    private static List<Bundle> bundlesIn(Path dir, List<PluginProblem> problems) {
        List<Bundle> out = new ArrayList<>();
        for (Path entry : sortedList(dir, problems)) {
            if (Files.isDirectory(entry)) {
                List<Path> jars = sortedList(entry, problems).stream().filter(PluginManager::isJarName).toList();
                if (jars.isEmpty())
                    problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, entry.toString(),
                            "plugin folder " + entry + " holds no .jar files",
                            "put the plugin jar and its dependencies in it, or remove the folder"));
                else out.add(new Bundle(entry, jars));
            } else if (isJarName(entry)) {
                out.add(new Bundle(entry, List.of(entry)));
            }
        }
        return out;
    }

    private static boolean isJarName(Path p) {
        return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar");
    }

    private static List<Path> sortedList(Path dir, List<PluginProblem> problems) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.comparing(p -> p.getFileName().toString())).toList();
        } catch (IOException e) {
            problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, dir.toString(),
                    "cannot list plugin folder " + dir + ": " + e.getMessage(), "check its permissions"));
            return List.of();
        }
    }

    private static Optional<PluginClassLoader> openBundle(Bundle bundle, List<PluginProblem> problems) {
        boolean hasService = false;
        List<URL> urls = new ArrayList<>();
        for (Path jar : bundle.jars()) {
            try (JarFile jf = new JarFile(jar.toFile())) {
                hasService |= jf.getEntry(SERVICE_FILE) != null;
                urls.add(jar.toUri().toURL());
            } catch (IOException e) {
                problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, jar.toString(),
                        "plugin jar " + jar + " is not a valid jar (zip) file: " + e.getMessage(),
                        "rebuild the plugin, or remove " + jar.getFileName() + " from the plugin folder"));
                return Optional.empty();
            }
        }
        if (!hasService) {
            problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, bundle.location().toString(),
                    bundle.location() + " contains no pnn plugin (no " + SERVICE_FILE + ")",
                    "list the plugin's PnnPlugin class in that service file, or remove it from the plugin folder"));
            return Optional.empty();
        }
        String name = "pnn-plugin:" + bundle.location().getFileName();
        return Optional.of(new PluginClassLoader(name, urls.toArray(URL[]::new),
                new SharedApiClassLoader(PnnPlugin.class.getClassLoader())));
    }

    /** Instantiates every provider, turning each failure into a problem and going on with the next one. */
    private static List<PnnPlugin> discover(ServiceLoader<PnnPlugin> loader, String where,
                                            List<PluginProblem> problems) {
        List<PnnPlugin> out = new ArrayList<>();
        Iterator<PnnPlugin> it = loader.iterator();
        // ServiceLoader recovers after a failing provider on a best-effort basis; the bound keeps a loader that
        // keeps failing on the same entry from spinning forever.
        for (int attempts = 0; attempts < 1000; attempts++) {
            try {
                if (!it.hasNext()) break;
                out.add(it.next());
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, where,
                        "cannot start a plugin from " + where + ": " + Failures.describe(e),
                        Failures.isMissingClass(e)
                                ? "the jar lacks a class it needs: bundle the plugin with its dependencies "
                                  + "(a folder of jars) or rebuild it against this pnn's SPI"
                                : "this is a bug in the plugin; report it to its author, or remove it"));
            }
        }
        return out;
    }

    private static void start(PnnPlugin plugin, Optional<Path> location, Injector root, CatalogBuilder catalog,
                              List<PluginProblem> problems) {
        String where = location.map(Path::toString).orElse("classpath");
        String label = plugin.getClass().getName() + " (" + where + ")";
        try {
            String name = plugin.name();
            label = name + " (" + where + ")";
            int spi = plugin.spiVersion();
            if (spi != SpiVersion.CURRENT) {
                problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, where,
                        "plugin '" + name + "' (" + where + ") was built for SPI version " + spi
                        + ", but this pnn provides SPI version " + SpiVersion.CURRENT,
                        "rebuild the plugin against pnn-spi version " + SpiVersion.CURRENT
                        + ", or use a pnn release with SPI version " + spi));
                return;
            }
            Module module = plugin.module();
            Injector injector = root.createChildInjector(module == null ? binder -> { } : module);
            injector.injectMembers(plugin);
            PluginInfo info = new PluginInfo(name, plugin.version(), spi, location);
            catalog.add(info, Contributions.of(plugin));
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            problems.add(new PluginProblem(PluginProblem.Kind.BROKEN, where,
                    "plugin " + label + " failed to start: " + Failures.describe(e),
                    Failures.isMissingClass(e)
                            ? "the plugin lacks a class it needs: bundle its dependencies (a folder of jars)"
                            : "this is a bug in the plugin; report it to its author, or remove it"));
        }
    }
}
