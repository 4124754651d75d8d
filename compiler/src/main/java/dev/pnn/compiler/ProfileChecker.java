package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.Setting;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModelFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks {@code hardware name = backend { key = value; }} against the backend's {@link SettingSpec}s. Noise
 * settings must be noise-model calls, or sums of them, whose roles fit the setting.
 */
final class ProfileChecker {
    private final Scope scope;
    private final Diagnostics diags;
    private final ArgBinder binder;

    ProfileChecker(Scope scope, Diagnostics diags, ArgBinder binder) {
        this.scope = scope;
        this.diags = diags;
        this.binder = binder;
    }

    Optional<HardwareProfile> check(Item.Hardware h, String fileForLoc) {
        int before = diags.errorCount();
        Optional<Backend> backend = scope.catalog.backends().find(h.backend().name());
        if (backend.isEmpty()) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, h.backend().span(),
                    "unknown backend '" + h.backend().name() + "'", "unknown backend")
                    .note("backends: " + (scope.catalog.backends().names().isEmpty() ? "(none loaded)" : String.join(", ", scope.catalog.backends().names())));
            String dym = Suggestions.didYouMean(h.backend().name(), scope.catalog.backends().names());
            diags.add(dym.isEmpty() ? d : d.help(dym));
            return Optional.empty();
        }
        List<SettingSpec> specs = settings(backend.get());
        Map<String, SettingSpec> byKey = new LinkedHashMap<>();
        for (SettingSpec s : specs) byKey.put(s.key(), s);
        Map<String, Value> values = new LinkedHashMap<>();
        Map<String, Setting> seen = new LinkedHashMap<>();
        for (Setting s : h.settings()) {
            String key = s.key().name();
            Setting prev = seen.putIfAbsent(key, s);
            if (prev != null) {
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, s.key().span(),
                                "setting '" + key + "' is given twice in profile '" + h.name().name() + "'", "set again here")
                        .note("first set at " + NetworkLowering.at(prev.key().span())));
                continue;
            }
            SettingSpec spec = byKey.get(key);
            if (spec == null) {
                Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_SETTING, s.key().span(),
                        "backend '" + backend.get().name() + "' has no setting '" + key + "'", "unknown setting");
                String dym = Suggestions.didYouMean(key, byKey.keySet());
                if (!dym.isEmpty()) d = d.help(dym);
                diags.add(d.note(byKey.isEmpty() ? "backend '" + backend.get().name() + "' takes no settings"
                        : "settings of " + backend.get().name() + ": " + String.join(", ", byKey.keySet())));
                continue;
            }
            Value v = spec.isNoise() ? noise(spec, s.value()) : binder.check("setting '" + key + "' of backend '" + backend.get().name() + "'",
                    spec.value(), s.value());
            if (v != null) values.put(key, v);
        }
        if (diags.errorCount() > before) return Optional.empty();
        return Optional.of(new HardwareProfile(h.name().name(), backend.get().name(), values,
                new Loc(fileForLoc, h.name().span().line(), h.name().span().column())));
    }

    private List<SettingSpec> settings(Backend b) {
        try {
            return b.settings();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** A noise model call, a bare model name, or a {@code +} sum of them. */
    private Value noise(SettingSpec spec, Expr e) {
        List<Expr> terms = new ArrayList<>();
        if (!flattenSum(e, terms)) {
            diags.add(Diagnostic.error(DiagnosticCode.NOISE_EXPRESSION_EXPECTED, e.span(),
                            "setting '" + spec.key() + "' takes noise models, found " + ArgBinder.describe(e), "not a noise model")
                    .help("write a noise model call like `gaussian(sigma: 0.05)`, or a sum of them with `+`")
                    .note("noise models that fit '" + spec.key() + "': " + String.join(", ", fitting(spec))));
            return null;
        }
        List<Value> out = new ArrayList<>();
        boolean ok = true;
        Set<String> unknownReported = new HashSet<>();
        for (Expr t : terms) {
            String name = t instanceof Expr.Call c ? c.callee().name() : ((Expr.Name) t).name();
            if (scope.catalog.noiseModels().find(name).isEmpty() && !unknownReported.add(name)) {
                ok = false; // one report per unknown name and setting is enough
                continue;
            }
            Value v = noiseTerm(spec, t);
            if (v == null) ok = false;
            else out.add(v);
        }
        if (!ok) return null;
        return out.size() == 1 ? out.get(0) : new Value.Op("+", out);
    }

    private boolean flattenSum(Expr e, List<Expr> terms) {
        if (e instanceof Expr.Binary b && b.op().equals("+")) return flattenSum(b.left(), terms) && flattenSum(b.right(), terms);
        if (e instanceof Expr.Call || e instanceof Expr.Name) {
            terms.add(e);
            return true;
        }
        return false;
    }

    private Value noiseTerm(SettingSpec spec, Expr t) {
        String name = t instanceof Expr.Call c ? c.callee().name() : ((Expr.Name) t).name();
        var span = t instanceof Expr.Call c ? c.callee().span() : t.span();
        Optional<NoiseModelFactory> f = scope.catalog.noiseModels().find(name);
        if (f.isEmpty()) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, span, "unknown noise model '" + name + "'", "unknown noise model");
            String dym = Suggestions.didYouMean(name, scope.catalog.noiseModels().names());
            d = dym.isEmpty() ? d : d.help(dym);
            diags.add(d.note("noise models that fit '" + spec.key() + "': " + String.join(", ", fitting(spec))));
            return null;
        }
        Set<String> roles = new HashSet<>(f.get().roles());
        roles.retainAll(spec.noiseRoles());
        if (roles.isEmpty()) {
            diags.add(Diagnostic.error(DiagnosticCode.NOISE_ROLE_MISMATCH, t.span(),
                            "noise model '" + name + "' does not fit setting '" + spec.key() + "': it models " + String.join(", ", sorted(f.get().roles()))
                                    + ", the setting takes " + String.join(", ", spec.noiseRoles()),
                            "a " + String.join("/", sorted(f.get().roles())) + " model")
                    .help("models that fit '" + spec.key() + "': " + String.join(", ", fitting(spec))));
            return null;
        }
        List<Arg> args = t instanceof Expr.Call c ? c.args() : List.of();
        var callSpan = t.span();
        Map<String, Value> bound = binder.bind("noise model '" + name + "'", f.get().args(), args, callSpan, 0, false);
        return bound == null ? null : new Value.Call(name, List.of(), bound);
    }

    private List<String> fitting(SettingSpec spec) {
        List<String> out = new ArrayList<>();
        for (NoiseModelFactory f : scope.catalog.noiseModels().all())
            if (f.roles().stream().anyMatch(spec.noiseRoles()::contains)) out.add(f.name());
        return out.isEmpty() ? List.of("(none loaded)") : out;
    }

    private static List<String> sorted(Set<String> s) {
        return s.stream().sorted().toList();
    }
}
