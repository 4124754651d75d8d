package dev.pnn.spi;

import dev.pnn.spi.ir.Loc;

/**
 * An error the user can act on: says what went wrong, where (a source location when there is one) and what to
 * do. The CLI prints it without a stack trace (unless {@code --debug}).
 */
public class PnnException extends RuntimeException {
    private final Loc where;
    private final String hint;

    public PnnException(String what, Loc where, String hint) {
        super(what);
        this.where = where == null ? Loc.NONE : where;
        this.hint = hint;
    }

    public PnnException(String what, Loc where, String hint, Throwable cause) {
        super(what, cause);
        this.where = where == null ? Loc.NONE : where;
        this.hint = hint;
    }

    public PnnException(String what, String hint) {
        this(what, Loc.NONE, hint);
    }

    public Loc where() {
        return where;
    }

    public String hint() {
        return hint;
    }
}
