package dev.pnn.runtime;

/**
 * Something that went wrong while loading plugins. A broken jar is skipped (the others still load); a
 * conflict (two plugins claiming one name) makes the set of plugins ambiguous, and commands refuse to run.
 *
 * @param where the jar, folder or plugin the problem is about
 * @param what  what went wrong
 * @param hint  what to do about it
 */
public record PluginProblem(Kind kind, String where, String what, String hint) {
    public enum Kind { BROKEN, CONFLICT }

    public boolean isConflict() {
        return kind == Kind.CONFLICT;
    }
}
