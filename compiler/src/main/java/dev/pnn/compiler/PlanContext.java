package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Value;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/** What a {@link PlanEntryChecker} sees of the plan being checked and of the file around it. */
public interface PlanContext {
    Catalog catalog();

    /** The plan as written. */
    Item.Train plan();

    /** The plan's network lowered to IR; empty when the network has errors (already reported). */
    Optional<Graph> network();

    /** An entry as written. */
    Optional<Setting> entry(String key);

    /** An entry's checked value; in {@link PlanEntryChecker#finish} available for every entry that checked cleanly. */
    Optional<Value> value(String key);

    /** A usable hardware profile (declared in the file, or from a used module). */
    Optional<HardwareProfile> profile(String name);

    /** Names of every profile declared in the file or its used modules, usable or not (for "did you mean"). */
    Set<String> profileNames();

    /** True when a profile of that name was declared but has errors (already reported; do not report again). */
    boolean isBrokenProfile(String name);

    /** Why a module profile of that name cannot be used (its backend is not loaded), if so. */
    Optional<String> unavailableProfile(String name);

    /** Names of the networks declared in the file. */
    Set<String> networkNames();

    void report(Diagnostic diagnostic);

    /** Reports "unknown {kind} '{name}'" with "did you mean" over {@code candidates}. */
    void reportUnknown(String kind, String name, Span span, Collection<String> candidates);

    /** Converts an expression to an IR value, resolving units; empty after reporting a problem. */
    Optional<Value> convert(Expr expression);

    /** Checks one value against one argument spec; empty after reporting a problem. */
    Optional<Value> check(String what, ArgSpec spec, Expr expression);

    /**
     * Checks a call, or a bare name meaning a call without arguments, against a signature: positional arguments
     * bind in declaration order (with {@code firstStringIsPath}, a leading string binds to {@code path}), named ones
     * by name, kinds and units are checked and defaults filled. Returns the call with every argument named.
     */
    Optional<Value.Call> bindCall(String what, Collection<ArgSpec> specs, Expr expression, boolean firstStringIsPath);
}
