package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Dimension;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Binds call arguments to a signature ({@link ArgSpec}s): positional in declaration order, then named by name;
 * checks each value's kind, unit and choice; fills defaults. Every problem is reported; the result is null when
 * there was one.
 */
final class ArgBinder {
    /** The first positional string of a dataset call arrives as this named argument. */
    static final String PATH = "path";

    private final Diagnostics diags;
    private final Values values;

    ArgBinder(Diagnostics diags, Values values) {
        this.diags = diags;
        this.values = values;
    }

    /**
     * @param what   how to name the owner in messages ("block 'clements'")
     * @param args   the arguments to bind (for blocks: those after the signal inputs)
     * @param skipped how many positional arguments were consumed before {@code args} (for counting in messages)
     */
    Map<String, Value> bind(String what, List<ArgSpec> specs, List<Arg> args, Span callSpan, int skipped, boolean firstStringIsPath) {
        Map<String, ArgSpec> byName = new LinkedHashMap<>();
        for (ArgSpec s : specs) byName.put(s.name(), s);
        Map<String, Value> bound = new HashMap<>();
        java.util.Set<String> given = new java.util.HashSet<>();
        boolean ok = true;
        List<ArgSpec> positionalSpecs = new ArrayList<>(specs);
        int pos = 0;
        boolean first = true;
        for (Arg a : args) {
            if (a.named()) continue;
            if (first && firstStringIsPath && a.value() instanceof Expr.Str s) {
                bound.put(PATH, new Value.Str(s.value()));
                positionalSpecs.removeIf(sp -> sp.name().equals(PATH));
                first = false;
                continue;
            }
            first = false;
            if (pos >= positionalSpecs.size()) {
                int allowed = positionalSpecs.size();
                diags.add(Diagnostic.error(DiagnosticCode.TOO_MANY_ARGUMENTS, a.span(),
                        what + " takes " + (skipped + allowed) + " positional argument" + (skipped + allowed == 1 ? "" : "s")
                                + ", got more", "unexpected argument").help("signature: " + signature(what, specs)));
                ok = false;
                continue;
            }
            ArgSpec spec = positionalSpecs.get(pos++);
            given.add(spec.name());
            Value v = check(what, spec, a.value());
            if (v == null) ok = false;
            else bound.put(spec.name(), v);
        }
        for (Arg a : args) {
            if (!a.named()) continue;
            String name = a.name().get().name();
            ArgSpec spec = byName.get(name);
            if (spec == null && !(firstStringIsPath && name.equals(PATH))) {
                Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_ARGUMENT, a.name().get().span(),
                        what + " has no argument '" + name + "'", "unknown argument");
                String dym = Suggestions.didYouMean(name, byName.keySet());
                d = dym.isEmpty() ? d : d.help(dym);
                diags.add(d.note(specs.isEmpty() ? what + " takes no arguments" : "signature: " + signature(what, specs)));
                ok = false;
                continue;
            }
            if (given.contains(name)) {
                values.duplicateArg(what, a.name().get());
                ok = false;
                continue;
            }
            given.add(name);
            Value v = spec == null ? (a.value() instanceof Expr.Str s ? new Value.Str(s.value()) : wrongKind(what, name, "a path string", a.value()))
                    : check(what, spec, a.value());
            if (v == null) ok = false;
            else bound.put(name, v);
        }
        Map<String, Value> out = new LinkedHashMap<>();
        if (bound.containsKey(PATH) && !byName.containsKey(PATH)) out.put(PATH, bound.get(PATH));
        for (ArgSpec s : specs) {
            Value v = bound.get(s.name());
            if (v == null && s.required() && !given.contains(s.name())) {
                diags.add(Diagnostic.error(DiagnosticCode.MISSING_ARGUMENT, callSpan,
                                what + " needs argument '" + s.name() + "'", "missing '" + s.name() + "'")
                        .help("add `" + s.name() + ": <" + kindWord(s) + ">`" + (s.doc() == null || s.doc().isEmpty() ? "" : " (" + s.doc() + ")")));
                ok = false;
            } else if (v != null) out.put(s.name(), v);
            else out.put(s.name(), s.fallback());
        }
        return ok ? out : null;
    }

    /** Converts and checks one value against its spec; reports and returns null when it does not fit. */
    Value check(String what, ArgSpec spec, Expr e) {
        Value v = values.convert(e);
        if (v == null) return null;
        String arg = "argument '" + spec.name() + "' of " + what;
        switch (spec.kind()) {
            case INT -> {
                Value.Num n = Values.fold(v);
                if (n != null && n.unit() != null) return unitMismatch(arg, Dimension.DIMENSIONLESS, n, e);
                if (n == null || !n.isInteger()) return wrongKind(arg, "a whole number", e);
                return n;
            }
            case NUMBER -> {
                Value.Num n = Values.fold(v);
                if (n == null) return wrongKind(arg, "a number", e);
                if (n.unit() != null && n.unit() != Unit.PERCENT) return unitMismatch(arg, Dimension.DIMENSIONLESS, n, e);
                return n;
            }
            case QUANTITY -> {
                Value.Num n = Values.fold(v);
                if (n == null) return wrongKind(arg, withArticle(dimensionWord(spec.dimension())), e);
                if (n.unit() == null || n.unit().dimension() == spec.dimension()) return n;
                if (spec.dimension() == Dimension.DIMENSIONLESS && n.unit() == Unit.PERCENT) return n;
                return unitMismatch(arg, spec.dimension(), n, e);
            }
            case BOOL -> {
                return v instanceof Value.Bool ? v : wrongKind(arg, "true or false", e);
            }
            case SYMBOL -> {
                if (!(v instanceof Value.Sym s)) {
                    Value r = wrongKind(arg, spec.choices().isEmpty() ? "a name" : "one of " + String.join(", ", spec.choices()), e);
                    return r;
                }
                if (!spec.choices().isEmpty() && !spec.choices().contains(s.name())) {
                    Diagnostic d = Diagnostic.error(DiagnosticCode.INVALID_CHOICE, e.span(),
                            arg + " must be one of " + String.join(", ", spec.choices()) + ", found '" + s.name() + "'", "not a choice");
                    String dym = Suggestions.didYouMean(s.name(), spec.choices());
                    diags.add(dym.isEmpty() ? d : d.help(dym));
                    return null;
                }
                return v;
            }
            case STRING -> {
                return v instanceof Value.Str ? v : wrongKind(arg, "a string", e);
            }
            case RANGE -> {
                return v instanceof Value.Range ? v : wrongKind(arg, "a range like 0..9", e);
            }
            case LIST -> {
                return v instanceof Value.ListV ? v : wrongKind(arg, "a list like [4, 4]", e);
            }
            case CALL -> {
                return v instanceof Value.Call || v instanceof Value.Sym || v instanceof Value.Op ? v : wrongKind(arg, "a call like f(k: v) or a name", e);
            }
            default -> {
                return v;
            }
        }
    }

    private Value wrongKind(String arg, String expected, Expr e) {
        diags.add(Diagnostic.error(DiagnosticCode.WRONG_ARGUMENT_KIND, e.span(), arg + " expects " + expected + ", found " + describe(e),
                "expected " + expected));
        return null;
    }

    private Value wrongKind(String what, String name, String expected, Expr e) {
        return wrongKind("argument '" + name + "' of " + what, expected, e);
    }

    private Value unitMismatch(String arg, Dimension expected, Value.Num found, Expr e) {
        String exp = expected == Dimension.DIMENSIONLESS ? "a plain number" : withArticle(dimensionWord(expected)) + " (" + unitsOf(expected) + ")";
        diags.add(Diagnostic.error(DiagnosticCode.UNIT_MISMATCH, e.span(),
                        arg + " expects " + exp + ", found `" + found + "` (" + withArticle(dimensionWord(found.dimension())) + ")",
                        withArticle(dimensionWord(found.dimension())) + ", not " + withArticle(dimensionWord(expected)))
                .help(expected == Dimension.DIMENSIONLESS ? "write the number without a unit" : "use one of: " + unitsOf(expected)));
        return null;
    }

    static String dimensionWord(Dimension d) {
        return switch (d) {
            case DIMENSIONLESS -> "plain number";
            case ANGLE -> "angle";
            case LEVEL -> "level in dB";
            default -> d.label();
        };
    }

    static String withArticle(String word) {
        return ("aeiou".indexOf(word.charAt(0)) >= 0 ? "an " : "a ") + word;
    }

    static String unitsOf(Dimension d) {
        return Arrays.stream(Unit.values()).filter(u -> u.dimension() == d).map(Unit::symbol).collect(Collectors.joining(", "));
    }

    static String describe(Expr e) {
        if (e instanceof Expr.Num n) return "number `" + n.text() + n.unit().map(u -> (u.name().equals("%") ? "" : " ") + u.name()).orElse("") + "`";
        if (e instanceof Expr.Str) return "a string";
        if (e instanceof Expr.Bool b) return "`" + b.value() + "`";
        if (e instanceof Expr.Name n) return "name `" + n.name() + "`";
        if (e instanceof Expr.Range) return "a range";
        if (e instanceof Expr.ListLit) return "a list";
        if (e instanceof Expr.Call c) return "a call of `" + c.callee().name() + "`";
        return "an expression";
    }

    static String kindWord(ArgSpec s) {
        return switch (s.kind()) {
            case INT -> "whole number";
            case NUMBER -> "number";
            case QUANTITY -> dimensionWord(s.dimension());
            case BOOL -> "true|false";
            case SYMBOL -> s.choices().isEmpty() ? "name" : String.join("|", s.choices());
            case STRING -> "string";
            case RANGE -> "from..to";
            case LIST -> "list";
            case CALL -> "call";
            case ANY -> "value";
        };
    }

    static String signature(String what, List<ArgSpec> specs) {
        String name = what.contains("'") ? what.substring(what.indexOf('\'') + 1, what.lastIndexOf('\'')) : what;
        return name + "(" + specs.stream().map(s -> s.name() + ": " + kindWord(s) + (s.required() ? "" : " = " + s.fallback()))
                .collect(Collectors.joining(", ")) + ")";
    }
}
