package dev.pnn.tt;

/**
 * What an unknown's form does with {@code net}: most ansätze are affine in it (u = a(x) + b(x)·net), and then a
 * and b are evaluated once per query node and collocation set instead of the whole formula once per node and
 * loss evaluation, which on the Black–Scholes plan is the difference between the form costing more than the
 * network and costing nothing.
 */
final class FormShape {
    private FormShape() {
    }

    /** True when {@code f} reads the slot. */
    static boolean uses(Formula f, int slot) {
        if (f instanceof Formula.Slot s) return s.index() == slot;
        if (f instanceof Formula.Neg n) return uses(n.a(), slot);
        if (f instanceof Formula.Binary b) return uses(b.a(), slot) || uses(b.b(), slot);
        if (f instanceof Formula.Fn fn) return fn.args().stream().anyMatch(a -> uses(a, slot));
        return false;   // a constant
    }

    /** True when {@code f} is a(x) + b(x)·(slot), structurally (so exactly, not just numerically). */
    static boolean affine(Formula f, int slot) {
        if (!uses(f, slot) || f instanceof Formula.Slot) return true;
        if (f instanceof Formula.Neg n) return affine(n.a(), slot);
        if (f instanceof Formula.Binary b) {
            return switch (b.op()) {
                case '+', '-' -> affine(b.a(), slot) && affine(b.b(), slot);
                case '*' -> !uses(b.a(), slot) && affine(b.b(), slot) || !uses(b.b(), slot) && affine(b.a(), slot);
                case '/' -> !uses(b.b(), slot) && affine(b.a(), slot);
                default -> false;
            };
        }
        return false;   // a function of net
    }
}
