package dev.pnn.cli;

import dev.pnn.compiler.Compilation;
import dev.pnn.compiler.PnnCompiler;
import dev.pnn.runtime.PluginManager;

import java.nio.file.Files;
import java.nio.file.Path;

/** Compiles the .pnn file a command was given, printing its diagnostics to stderr. */
final class SourceCompiler {
    private SourceCompiler() {
    }

    static Path existingFile(Path file) {
        if (!Files.exists(file))
            throw new UsageError("file not found: " + file, "check the path (relative paths start at the current folder)");
        if (Files.isDirectory(file))
            throw new UsageError(file + " is a folder, not a .pnn file", "give the path of a .pnn file");
        if (!Files.isReadable(file))
            throw new UsageError("cannot read " + file, "check the file's permissions");
        return file;
    }

    /** Compiles and prints every diagnostic (errors and warnings) to stderr. */
    static Compilation compile(RootCommand root, PluginManager plugins, Path file) {
        existingFile(file);
        Compilation c = new PnnCompiler(plugins.catalog(), plugins.modules()).compile(file);
        String rendered = c.render();
        if (!rendered.isEmpty()) {
            root.err().print(rendered);
            if (!rendered.endsWith("\n")) root.err().println();
        }
        return c;
    }
}
