package dev.pnn.compiler;

import java.util.Optional;

/** Where {@code use <module>;} finds the module's .pnn source. */
public interface ModuleSource {
    /** The source text of the module, or empty when there is no such module. */
    Optional<String> load(String module);

    /** No modules at all (tests, or a compiler without a stdlib). */
    static ModuleSource none() {
        return module -> Optional.empty();
    }
}
