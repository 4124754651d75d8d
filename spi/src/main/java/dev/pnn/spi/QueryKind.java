package dev.pnn.spi;

/** A kind of physical query a lab pays for. Open set; these are the ones ALGORITHMS.md names. */
public record QueryKind(String name) {
    public static final QueryKind FORWARD = new QueryKind("forward");
    public static final QueryKind RELAX = new QueryKind("relax");
    public static final QueryKind ECHO = new QueryKind("echo");
    public static final QueryKind PROBE = new QueryKind("probe");

    @Override
    public String toString() {
        return name;
    }
}
