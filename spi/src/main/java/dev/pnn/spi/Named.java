package dev.pnn.spi;

/** Anything a plugin contributes under a name that .pnn source refers to. */
public interface Named {
    String name();

    /** One line for {@code pnn plugins} and "did you mean" help. */
    default String summary() {
        return "";
    }
}
