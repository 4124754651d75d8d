package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.ParseResult;
import dev.pnn.dsl.PnnParser;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.SourceFile;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One compilation of one file: parse, resolve modules, check and lower networks, profiles, plans. */
final class FileCompiler {
    private final Catalog catalog;
    private final ModuleSource modules;
    private final List<PlanEntryChecker> checkers;
    private final String sourceName;
    private final String text;
    private final Diagnostics diags = new Diagnostics();
    private final Scope scope;
    private final Values values;
    private final ArgBinder binder;

    FileCompiler(Catalog catalog, ModuleSource modules, List<PlanEntryChecker> checkers, String sourceName, String text) {
        this.catalog = catalog;
        this.modules = modules;
        this.checkers = checkers;
        this.sourceName = sourceName;
        this.text = text;
        this.scope = new Scope(catalog, sourceName);
        this.values = new Values(diags);
        this.binder = new ArgBinder(diags, values);
    }

    Compilation run() {
        if (text.isBlank()) {
            return done(List.of(Diagnostic.error(DiagnosticCode.EMPTY_FILE, Span.FILE,
                    "`" + sourceName + "` is empty", "").help("a .pnn file declares networks, hardware profiles and training plans")));
        }
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            return done(List.of(Diagnostic.error(DiagnosticCode.INVALID_ENCODING, Span.FILE,
                    "`" + sourceName + "` looks like a binary file (it contains a NUL character at offset " + nul + "), not .pnn source", "")
                    .help("pass a .pnn text file")));
        }
        ParseResult parsed = PnnParser.parse(text);
        if (!parsed.ok()) return done(parsed.diagnostics());
        SourceFile file = parsed.file();
        if (file.items().isEmpty()) {
            return done(List.of(Diagnostic.error(DiagnosticCode.EMPTY_FILE, Span.FILE,
                    "`" + sourceName + "` declares nothing (it holds only comments)", "")
                    .help("a .pnn file declares networks, hardware profiles and training plans")));
        }
        for (Item.Use u : file.uses()) use(u);
        declare(file);
        List<Graph> graphs = new ArrayList<>();
        List<DeviceSummary> devices = new ArrayList<>();
        for (Item.Network n : scope.declaredNetworks.values()) {
            NetworkLowering lowering = new NetworkLowering(scope, diags, binder);
            lowering.lower(n).ifPresent(g -> {
                graphs.add(g);
                scope.graphs.put(g.name(), g);
                devices.addAll(lowering.devices());
            });
        }
        ProfileChecker profiles = new ProfileChecker(scope, diags, binder);
        for (Item.Hardware h : scope.declaredProfiles.values())
            profiles.check(h, sourceName).ifPresent(p -> scope.profiles.put(p.name(), p));
        PlanChecker planChecker = new PlanChecker(scope, diags, values, binder, checkers);
        List<TrainingPlan> plans = new ArrayList<>();
        Map<String, Item.Train> seenPlans = new LinkedHashMap<>();
        for (Item.Train t : file.plans()) {
            Item.Train prev = seenPlans.putIfAbsent(t.planName().name(), t);
            if (prev != null) {
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, t.planName().span(),
                                "a training plan named '" + t.planName().name() + "' is already defined", "second plan '" + t.planName().name() + "'")
                        .note("first defined at " + NetworkLowering.at(prev.planName().span()))
                        .help("name plans apart: `train " + t.network().name() + " as <name> { ... }`"));
                continue;
            }
            planChecker.check(t).ifPresent(plans::add);
        }
        if (diags.errorCount() > 0) return done(diags.all());
        List<HardwareProfile> allProfiles = new ArrayList<>(scope.profiles.values());
        for (Map.Entry<String, Scope.ModuleProfile> e : scope.moduleProfiles.entrySet())
            if (!scope.declaredProfiles.containsKey(e.getKey()) && e.getValue().profile() != null) allProfiles.add(e.getValue().profile());
        return new Compilation(sourceName, text, Optional.of(new Program(graphs, allProfiles, plans)), diags.all(), devices);
    }

    private Compilation done(List<Diagnostic> d) {
        return new Compilation(sourceName, text, Optional.empty(), d);
    }

    private void declare(SourceFile file) {
        for (Item.Network n : file.networks()) {
            Item.Network prev = scope.declaredNetworks.putIfAbsent(n.name().name(), n);
            if (prev != null)
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, n.name().span(),
                        "network '" + n.name().name() + "' is defined twice", "defined again here")
                        .note("first defined at " + NetworkLowering.at(prev.name().span())));
        }
        for (Item.Hardware h : file.hardware()) {
            Item.Hardware prev = scope.declaredProfiles.putIfAbsent(h.name().name(), h);
            if (prev != null)
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, h.name().span(),
                        "hardware profile '" + h.name().name() + "' is defined twice", "defined again here")
                        .note("first defined at " + NetworkLowering.at(prev.name().span())));
        }
    }

    /** {@code use m;}: makes module m's blocks visible and its profiles referable. */
    private void use(Item.Use u) {
        String name = u.module().name();
        if (scope.usedModules.contains(name)) return;
        Optional<String> src;
        try {
            src = modules.load(name);
        } catch (RuntimeException e) {
            diags.add(Diagnostic.error(DiagnosticCode.MODULE_HAS_ERRORS, u.module().span(),
                    "module '" + name + "' cannot be loaded: " + e.getMessage(), "used here")
                    .help("the module comes from the stdlib or a plugin jar; check that the jar is intact"));
            return;
        }
        boolean blockModule = scope.blockModules().contains(name);
        if (src.isEmpty() && !blockModule) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_MODULE, u.module().span(), "unknown module '" + name + "'", "unknown module");
            String dym = Suggestions.didYouMean(name, scope.blockModules());
            diags.add((dym.isEmpty() ? d : d.help(dym)).note("modules of the loaded plugins: " + String.join(", ", scope.blockModules())));
            return;
        }
        scope.usedModules.add(name);
        src.ifPresent(s -> loadModule(name, s, u));
    }

    /** A module's profiles become referable; problems in the module are reported at the {@code use} line. */
    private void loadModule(String name, String source, Item.Use u) {
        String moduleFile = "pnn/stdlib/" + name + ".pnn";
        ParseResult parsed = PnnParser.parse(source);
        if (!parsed.ok()) {
            moduleError(name, u, parsed.diagnostics());
            return;
        }
        Diagnostics inner = new Diagnostics();
        ArgBinder innerBinder = new ArgBinder(inner, new Values(inner));
        ProfileChecker checker = new ProfileChecker(scope, inner, innerBinder);
        for (Item item : parsed.file().items()) {
            if (item instanceof Item.Hardware h) {
                if (catalog.backends().find(h.backend().name()).isEmpty()) {
                    scope.moduleProfiles.putIfAbsent(h.name().name(), new Scope.ModuleProfile(name, null,
                            "it comes from module '" + name + "' and needs backend '" + h.backend().name() + "', which no loaded plugin provides"));
                    continue;
                }
                checker.check(h, moduleFile).ifPresent(p -> scope.moduleProfiles.putIfAbsent(p.name(), new Scope.ModuleProfile(name, p, null)));
            } else if (!(item instanceof Item.Use)) {
                inner.add(Diagnostic.error(DiagnosticCode.MODULE_HAS_ERRORS, item.span(),
                        "modules may only declare hardware profiles", "not allowed in a module"));
            }
        }
        if (inner.errorCount() > 0) moduleError(name, u, inner.all());
    }

    private void moduleError(String name, Item.Use u, List<Diagnostic> inner) {
        Diagnostic d = Diagnostic.error(DiagnosticCode.MODULE_HAS_ERRORS, u.module().span(),
                "module '" + name + "' does not compile", "used here");
        for (Diagnostic x : inner.subList(0, Math.min(3, inner.size())))
            d = d.note(name + ".pnn:" + x.span().line() + ":" + x.span().column() + ": " + x.message());
        diags.add(d.help("the module comes from the stdlib or a plugin jar; report this to its authors"));
    }
}
