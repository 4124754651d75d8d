package dev.pnn.runtime;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** Builds small plugin jars on the fly: compiles Java sources against the test class path, then jars them. */
final class PluginJars {
    private PluginJars() {
    }

    /**
     * @param sources    fully qualified class name → source
     * @param services   plugin classes listed in META-INF/services/dev.pnn.spi.PnnPlugin (may be empty: no file)
     * @param classpath  extra jars to compile against (a library the plugin uses)
     */
    static Path build(Path jar, Map<String, String> sources, List<String> services, List<Path> classpath) {
        try {
            Path classes = Files.createTempDirectory("pnn-test-classes");
            compile(classes, sources, classpath);
            Files.createDirectories(jar.getParent());
            try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os);
                 Stream<Path> files = Files.walk(classes)) {
                for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                    out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                    out.write(Files.readAllBytes(f));
                    out.closeEntry();
                }
                if (!services.isEmpty()) {
                    out.putNextEntry(new JarEntry(PluginManager.SERVICE_FILE));
                    out.write((String.join("\n", services) + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            deleteTree(classes);
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
        }
    }

    private static void compile(Path out, Map<String, String> sources, List<Path> extra) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            fm.setLocation(StandardLocation.CLASS_OUTPUT, List.of(out.toFile()));
            List<JavaFileObject> units = new ArrayList<>();
            sources.forEach((name, code) -> units.add(new Source(name, code)));
            StringBuilder cp = new StringBuilder(System.getProperty("java.class.path"));
            for (Path p : extra) cp.append(java.io.File.pathSeparator).append(p);
            Boolean ok = javac.getTask(null, fm, diagnostics, List.of("-classpath", cp.toString(), "--release", "17"),
                    null, units).call();
            if (!ok) throw new IllegalStateException("test plugin does not compile: " + diagnostics.getDiagnostics());
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
