package dev.pnn.compiler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Modules shipped as resources {@code pnn/stdlib/<name>.pnn} on a class loader: the stdlib jar, and any plugin
 * jar that ships modules of its own (give the compiler the plugin class loader's child-most loader).
 */
public final class ClasspathModules implements ModuleSource {
    private final ClassLoader loader;

    public ClasspathModules(ClassLoader loader) {
        this.loader = loader;
    }

    /** The stdlib and anything else visible to the compiler's own class loader. */
    public static ClasspathModules standard() {
        return new ClasspathModules(ClasspathModules.class.getClassLoader());
    }

    @Override
    public Optional<String> load(String module) {
        if (!module.matches("[A-Za-z_][A-Za-z0-9_]*")) return Optional.empty();
        try (InputStream in = loader.getResourceAsStream("pnn/stdlib/" + module + ".pnn")) {
            if (in == null) return Optional.empty();
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read stdlib module " + module, e);
        }
    }
}
