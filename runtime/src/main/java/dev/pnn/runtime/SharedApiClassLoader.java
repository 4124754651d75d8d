package dev.pnn.runtime;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent of every plugin class loader: it lets through only the JDK, the pnn SPI and Guice (with its
 * annotation API and aopalliance), so a plugin never sees pnn's own implementation or its libraries (Jackson,
 * ANTLR, ...) and may bundle different versions of them. Resources are filtered the same way, so the
 * application's {@code META-INF/services} files do not leak built-in plugins into a plugin's ServiceLoader.
 */
final class SharedApiClassLoader extends ClassLoader {
    static final List<String> SHARED_PACKAGES = List.of(
            "dev.pnn.spi.", "com.google.inject.", "jakarta.inject.", "org.aopalliance.");

    private final ClassLoader api;

    SharedApiClassLoader(ClassLoader api) {
        super("pnn-shared-api", ClassLoader.getPlatformClassLoader());
        this.api = api;
    }

    static boolean isShared(String className) {
        for (String p : SHARED_PACKAGES) if (className.startsWith(p)) return true;
        return false;
    }

    private static boolean isSharedResource(String path) {
        return isShared(path.replace('/', '.'));
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) return api.loadClass(name);
        return super.loadClass(name, resolve);   // platform (JDK) only; anything else is not found
    }

    @Override
    public URL getResource(String name) {
        return isSharedResource(name) ? api.getResource(name) : getParent().getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        if (isSharedResource(name)) return api.getResources(name);
        ClassLoader parent = getParent();
        return parent == null ? Collections.emptyEnumeration() : parent.getResources(name);
    }
}
