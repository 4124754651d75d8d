package dev.pnn.spi.ir;

/** Where a piece of IR came from in .pnn source (1-based line and column), for runtime error messages. */
public record Loc(String file, int line, int column) {
    public static final Loc NONE = new Loc("", 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
