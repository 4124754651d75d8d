package dev.pnn.compiler;

import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.ir.Value;

import java.util.Optional;
import java.util.Set;

/**
 * Checks one group of training-plan keys ({@code data}; {@code trainer}; {@code epochs, batch, seed}; ...).
 * The compiler finds checkers through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.pnn.compiler.PlanEntryChecker})
 * or takes them from {@link PnnCompiler#PnnCompiler(dev.pnn.spi.Catalog, ModuleSource, java.util.List)}, so a new
 * group of keys (say, physics-informed {@code pde}, {@code domain}, {@code boundary}) is a new class, not an
 * edit. A key claimed by no checker is reported as unknown; two checkers claiming one key is a setup error.
 */
public interface PlanEntryChecker {
    /** The keys this checker owns. */
    Set<String> keys();

    /** Keys a plan must have (reported at the plan header when missing), unless some present checker relaxes them. */
    default Set<String> requiredKeys() {
        return Set.of();
    }

    /**
     * Required keys of other checkers that become optional when the plan uses one of this checker's keys
     * (a PDE plan needs no {@code data}).
     */
    default Set<String> relaxes() {
        return Set.of();
    }

    /**
     * Checks one entry, reporting problems through {@link PlanContext#report}. Returns the value to keep in the
     * IR (calls with every argument named and defaults filled), or empty when the entry has errors.
     */
    Optional<Value> check(PlanContext context, Setting entry);

    /** Cross-entry checks, after every entry of the plan was checked ({@code trainer} against {@code on}). */
    default void finish(PlanContext context) {
    }
}
