package dev.pnn.cli;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Loc;

/** Bad input detected before anything runs (missing file, unknown plan, bad plugin folder): exit code 2. */
final class UsageError extends PnnException {
    UsageError(String what, String hint) {
        super(what, hint);
    }

    UsageError(String what, Loc where, String hint) {
        super(what, where, hint);
    }

    static UsageError of(PnnException e) {
        UsageError u = new UsageError(e.getMessage(), e.where(), e.hint());
        u.initCause(e);
        return u;
    }
}
