package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;
import dev.pnn.dsl.ast.Arg;
import dev.pnn.dsl.ast.Expr;
import dev.pnn.dsl.ast.Item;
import dev.pnn.dsl.ast.Stmt;
import dev.pnn.dsl.ast.TypeRef;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.block.DeviceCount;
import dev.pnn.spi.block.Shaping;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.ParamSpec;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Checks one {@code network} and lowers it to a {@link Graph}: statements in topological order (ties by source
 * order), each nested call before the statement that uses it, parameter slices placed in that order.
 */
final class NetworkLowering {
    /** Widths beyond this come from typos, not hardware; they would also overflow parameter counts. */
    static final int MAX_WIDTH = 1 << 20;

    private final Scope scope;
    private final Diagnostics diags;
    private final ArgBinder binder;

    private Item.Network net;
    private final Map<String, Stmt> stmts = new LinkedHashMap<>();
    private final Map<String, ValueType> types = new HashMap<>();
    private final Set<String> failed = new LinkedHashSet<>();
    private final List<PendingNode> nodes = new ArrayList<>();
    /** Per device kind: {count, dense equivalent}, summed over the blocks that report devices. */
    private final Map<String, long[]> devices = new LinkedHashMap<>();

    /** A node whose parameter offsets are not placed yet. */
    private record PendingNode(String id, String op, List<String> inputs, Map<String, Value> attrs, ValueType type,
                               List<ParamSpec> params, Loc loc) {
    }

    NetworkLowering(Scope scope, Diagnostics diags, ArgBinder binder) {
        this.scope = scope;
        this.diags = diags;
        this.binder = binder;
    }

    /** The graph, or empty when the network has errors (all reported). */
    Optional<Graph> lower(Item.Network network) {
        this.net = network;
        int before = diags.errorCount();
        collectStatements();
        String output = findOutput();
        List<Stmt> order = topologicalOrder();
        for (Stmt s : order) {
            if (s instanceof Stmt.Input in) input(in);
            else if (s instanceof Stmt.Assign a) assign(a);
        }
        if (diags.errorCount() > before || output == null) return Optional.empty();
        warnUnused(output);
        return place(output);
    }

    /** Statements from which the output cannot be reached: computed (and paid for) for nothing. */
    private void warnUnused(String output) {
        Map<String, List<String>> inputsOf = new HashMap<>();
        for (PendingNode p : nodes) inputsOf.put(p.id(), p.inputs());
        Set<String> used = new java.util.HashSet<>();
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(List.of(output));
        while (!todo.isEmpty()) {
            String id = todo.pop();
            if (used.add(id)) todo.addAll(inputsOf.getOrDefault(id, List.of()));
        }
        for (Stmt s : stmts.values()) {
            String name = s.name().name();
            if (used.contains(name)) continue;
            boolean input = s instanceof Stmt.Input;
            diags.add(Diagnostic.error(DiagnosticCode.UNUSED_SIGNAL, s.name().span(),
                            (input ? "input '" : "signal '") + name + "' of network '" + net.name().name() + "' "
                                    + (input ? "is never used" : "is computed but never used"),
                            "does not reach the output")
                    .help(input ? "remove the input, or feed it into the network" : "remove the statement, or use it on the way to the output"));
        }
    }

    private void collectStatements() {
        for (Stmt s : net.body()) {
            if (s instanceof Stmt.OutputRef) continue;
            Stmt prev = stmts.putIfAbsent(s.name().name(), s);
            if (prev != null) {
                diags.add(Diagnostic.error(DiagnosticCode.DUPLICATE_DEFINITION, s.name().span(),
                                "'" + s.name().name() + "' is defined twice in network '" + net.name().name() + "'", "defined again here")
                        .note("first defined at " + at(prev.name().span())).help("give the second signal another name"));
            }
        }
    }

    private String findOutput() {
        List<Stmt> outs = new ArrayList<>();
        for (Stmt s : net.body())
            if (s instanceof Stmt.OutputRef || (s instanceof Stmt.Assign a && a.output())) outs.add(s);
        if (outs.isEmpty()) {
            diags.add(Diagnostic.error(DiagnosticCode.MISSING_OUTPUT, net.name().span(),
                    "network '" + net.name().name() + "' has no output", "no `output` statement")
                    .help("mark the result: `output logits = ...;` or `output <signal>;`"));
            return null;
        }
        for (int i = 1; i < outs.size(); i++) {
            diags.add(Diagnostic.error(DiagnosticCode.MULTIPLE_OUTPUTS, outs.get(i).span(),
                    "network '" + net.name().name() + "' has more than one output", "second output")
                    .note("the first output is at " + at(outs.get(0).span())).help("a network has exactly one output; combine results with a block"));
        }
        Stmt first = outs.get(0);
        if (first instanceof Stmt.OutputRef ref && !stmts.containsKey(ref.name().name())) {
            unknownSignal(ref.name().name(), ref.name().span());
            return null;
        }
        return first.name().name();
    }

    /** Kahn's algorithm over signal references, ties by source order; reports cycles. */
    private List<Stmt> topologicalOrder() {
        List<Stmt> list = new ArrayList<>(stmts.values());
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < list.size(); i++) index.put(list.get(i).name().name(), i);
        Map<String, Set<String>> deps = new HashMap<>();
        Map<String, List<String>> users = new HashMap<>();
        for (Stmt s : list) {
            Set<String> d = new LinkedHashSet<>();
            if (s instanceof Stmt.Assign a) collectRefs(a.value(), d);
            d.retainAll(stmts.keySet());
            d.remove(s.name().name()); // a self reference is a one-statement cycle, caught below
            if (s instanceof Stmt.Assign a && refersTo(a.value(), s.name().name())) d.add(s.name().name());
            deps.put(s.name().name(), d);
            for (String x : d) users.computeIfAbsent(x, k -> new ArrayList<>()).add(s.name().name());
        }
        Map<String, Integer> pending = new HashMap<>();
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (Stmt s : list) {
            int n = deps.get(s.name().name()).size();
            pending.put(s.name().name(), n);
            if (n == 0) ready.add(index.get(s.name().name()));
        }
        List<Stmt> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            Stmt s = list.get(ready.poll());
            order.add(s);
            for (String u : users.getOrDefault(s.name().name(), List.of())) {
                if (u.equals(s.name().name())) continue;
                int left = pending.merge(u, -1, Integer::sum);
                if (left == 0) ready.add(index.get(u));
            }
        }
        if (order.size() < list.size()) {
            Set<String> done = new java.util.HashSet<>();
            for (Stmt o : order) done.add(o.name().name());
            List<String> stuck = list.stream().map(s -> s.name().name()).filter(n -> !done.contains(n)).toList();
            // Report the statements on a cycle; the ones merely downstream of it fail silently.
            List<String> onCycle = stuck.stream().filter(n -> reaches(n, n, deps, new java.util.HashSet<>())).toList();
            if (onCycle.isEmpty()) onCycle = stuck;
            Stmt first = stmts.get(onCycle.get(0));
            diags.add(Diagnostic.error(DiagnosticCode.CYCLE, first.name().span(),
                            "signals of network '" + net.name().name() + "' depend on each other in a cycle: " + String.join(", ", onCycle),
                            "part of a cycle")
                    .help("a network is a directed acyclic graph; break the cycle"));
            failed.addAll(stuck);
        }
        return order;
    }

    /** Whether {@code target} is reachable from {@code from} along dependencies (at least one step). */
    private static boolean reaches(String from, String target, Map<String, Set<String>> deps, Set<String> seen) {
        for (String d : deps.getOrDefault(from, Set.of())) {
            if (d.equals(target)) return true;
            if (seen.add(d) && reaches(d, target, deps, seen)) return true;
        }
        return false;
    }

    private void collectRefs(Expr e, Set<String> out) {
        if (e instanceof Expr.Name n) out.add(n.name());
        else if (e instanceof Expr.Call c) for (Arg a : c.args()) collectRefs(a.value(), out);
        else if (e instanceof Expr.Binary b) {
            collectRefs(b.left(), out);
            collectRefs(b.right(), out);
        } else if (e instanceof Expr.Neg n) collectRefs(n.operand(), out);
        else if (e instanceof Expr.ListLit l) for (Expr x : l.items()) collectRefs(x, out);
    }

    private boolean refersTo(Expr e, String name) {
        Set<String> refs = new LinkedHashSet<>();
        collectRefs(e, refs);
        return refs.contains(name);
    }

    private void input(Stmt.Input in) {
        TypeRef t = in.type();
        Map<String, Domain> domains = scope.domains();
        Domain d = domains.get(t.domain().name());
        boolean ok = true;
        if (d == null) {
            Diagnostic diag = Diagnostic.error(DiagnosticCode.UNKNOWN_DOMAIN, t.domain().span(),
                    "unknown domain '" + t.domain().name() + "'", "unknown domain").note("domains: " + String.join(", ", domains.keySet()));
            String dym = Suggestions.didYouMean(t.domain().name(), domains.keySet());
            diags.add(dym.isEmpty() ? diag : diag.help(dym));
            ok = false;
        }
        int width = -1;
        try {
            double w = Double.parseDouble(t.width());
            if (w == Math.rint(w) && w >= 1 && w <= MAX_WIDTH) width = (int) w;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        if (width < 0) {
            diags.add(Diagnostic.error(DiagnosticCode.INVALID_WIDTH, t.widthSpan(),
                    "width `" + t.width() + "` of input '" + in.name().name() + "' must be a whole number from 1 to " + MAX_WIDTH,
                    "not a valid width"));
            ok = false;
        }
        if (!ok) {
            failed.add(in.name().name());
            return;
        }
        ValueType type = new ValueType(d, width);
        types.put(in.name().name(), type);
        nodes.add(new PendingNode(in.name().name(), Node.INPUT_OP, List.of(), Map.of(), type, List.of(), loc(in.name().span())));
    }

    private void assign(Stmt.Assign a) {
        String id = a.name().name();
        if (failed.contains(id)) return;
        if (!(a.value() instanceof Expr.Call call)) {
            Diagnostic d = Diagnostic.error(DiagnosticCode.BLOCK_CALL_EXPECTED, a.value().span(),
                    "a network statement must call a block, found " + ArgBinder.describe(a.value()), "not a block call");
            if (a.value() instanceof Expr.Name n && a.output()) d = d.help("to output an existing signal write `output " + n.name() + ";`");
            diags.add(d);
            failed.add(id);
            return;
        }
        Map<String, Integer> counters = new HashMap<>();
        Optional<ValueType> t = call(id, id, call, counters);
        if (t.isPresent()) types.put(id, t.get());
        else failed.add(id);
    }

    /** Checks and lowers one call (and its nested calls, first); the node gets {@code nodeId}. */
    private Optional<ValueType> call(String stmt, String nodeId, Expr.Call call, Map<String, Integer> counters) {
        String op = call.callee().name();
        Optional<BlockType> found = resolveBlock(call);
        if (found.isEmpty()) {
            // still look inside for nested problems so that all diagnostics appear at once
            for (Arg a : call.args()) if (a.value() instanceof Expr.Call inner) call(stmt, nestedId(stmt, inner, counters), inner, counters);
            return Optional.empty();
        }
        BlockType block = found.get();
        String what = "block '" + op + "'";
        List<Arg> positional = call.positional();
        int nIn = block.inputs().size();
        boolean ok = true;
        List<String> inputIds = new ArrayList<>();
        List<ValueType> inputTypes = new ArrayList<>();
        if (positional.size() < nIn) {
            diags.add(Diagnostic.error(DiagnosticCode.SIGNAL_EXPECTED, call.span(),
                            what + " takes " + nIn + " signal input" + (nIn == 1 ? "" : "s") + ", got " + positional.size(),
                            "missing signal input")
                    .help("pass the signal first: `" + op + "(<signal>" + (nIn > 1 ? ", ..." : "") + ")`"));
            ok = false;
        }
        for (int i = 0; i < Math.min(nIn, positional.size()); i++) {
            Arg a = positional.get(i);
            Domain expected = block.inputs().get(i);
            String inId;
            ValueType inType;
            if (a.value() instanceof Expr.Name n) {
                if (!stmts.containsKey(n.name())) {
                    unknownSignal(n.name(), n.span());
                    ok = false;
                    continue;
                }
                if (failed.contains(n.name()) || !types.containsKey(n.name())) {
                    ok = false; // already reported where that signal is defined
                    continue;
                }
                inId = n.name();
                inType = types.get(n.name());
            } else if (a.value() instanceof Expr.Call inner) {
                inId = nestedId(stmt, inner, counters);
                Optional<ValueType> t = call(stmt, inId, inner, counters);
                if (t.isEmpty()) {
                    ok = false;
                    continue;
                }
                inType = t.get();
            } else {
                diags.add(Diagnostic.error(DiagnosticCode.SIGNAL_EXPECTED, a.span(),
                        what + " expects a " + expected.name() + " signal as input " + (i + 1) + ", found " + ArgBinder.describe(a.value()),
                        "not a signal"));
                ok = false;
                continue;
            }
            if (!inType.domain().equals(expected)) {
                domainCrossing(block, a, inId, inType, expected);
                ok = false;
                continue;
            }
            inputIds.add(inId);
            inputTypes.add(inType);
        }
        List<Arg> rest = new ArrayList<>();
        int seen = 0;
        for (Arg a : call.args()) {
            if (!a.named() && seen++ < nIn) continue;
            rest.add(a);
        }
        Map<String, Value> attrs = binder.bind(what, safeArgs(block), rest, call.span(), nIn, false);
        if (attrs == null || !ok) return Optional.empty();
        Shaping shaping;
        try {
            shaping = block.shape(inputTypes, new Args(op, attrs));
        } catch (RuntimeException e) {
            pluginFailure(call.span(), op, "computing its shape", e);
            return Optional.empty();
        }
        if (shaping instanceof Shaping.Mismatch m) {
            Span where = argSpan(call, block, m.argument()).orElse(nIn > 0 && !positional.isEmpty() ? positional.get(0).span() : call.span());
            String label = "inputs: " + String.join(", ", inputTypes.stream().map(ValueType::toString).toList());
            diags.add(Diagnostic.error(DiagnosticCode.SHAPE_MISMATCH, where, m.message(), label));
            return Optional.empty();
        }
        Shaping.Ok shaped = (Shaping.Ok) shaping;
        if (shaped.width() < 0 || shaped.width() > MAX_WIDTH) {
            diags.add(Diagnostic.error(DiagnosticCode.INVALID_WIDTH, call.span(),
                    what + " would produce width " + shaped.width() + ", outside 1.." + MAX_WIDTH, "width " + shaped.width()));
            return Optional.empty();
        }
        ValueType type = new ValueType(block.output(), shaped.width());
        Optional<DeviceCount> count;
        try {
            count = block.devices(inputTypes, new Args(op, attrs));
        } catch (RuntimeException e) {
            pluginFailure(call.span(), op, "counting its devices", e);
            return Optional.empty();
        }
        count.ifPresent(c -> {
            long[] sum = devices.computeIfAbsent(c.kind(), k -> new long[2]);
            sum[0] += c.count();
            sum[1] += c.denseEquivalent();
        });
        nodes.add(new PendingNode(nodeId, op, inputIds, attrs, type, shaped.params(), loc(call.span())));
        return Optional.of(type);
    }

    /** The device totals of the network last lowered, one per kind its blocks report (none for digital networks). */
    List<DeviceSummary> devices() {
        List<DeviceSummary> out = new ArrayList<>();
        for (Map.Entry<String, long[]> e : devices.entrySet())
            out.add(new DeviceSummary(net.name().name(), e.getKey(), e.getValue()[0], e.getValue()[1]));
        return out;
    }

    private List<ArgSpec> safeArgs(BlockType block) {
        try {
            return block.args();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    private Optional<BlockType> resolveBlock(Expr.Call call) {
        String op = call.callee().name();
        Span span = call.callee().span();
        Optional<BlockType> visible = scope.visibleBlock(op);
        if (visible.isPresent()) return visible;
        Optional<BlockType> anywhere = scope.catalog.blocks().find(op);
        if (anywhere.isPresent()) {
            String module = anywhere.get().module();
            diags.add(Diagnostic.error(DiagnosticCode.MODULE_NOT_USED, span,
                            "block '" + op + "' is in module '" + module + "', which this file does not use", "from module " + module)
                    .help("add `use " + module + ";` at the top of the file"));
            return Optional.empty();
        }
        if (stmts.containsKey(op)) {
            diags.add(Diagnostic.error(DiagnosticCode.WRONG_KIND_OF_NAME, span,
                    "'" + op + "' is a signal of network '" + net.name().name() + "', not a block", "a signal, called like a block"));
            return Optional.empty();
        }
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, span, "unknown block '" + op + "'", "unknown block");
        Optional<String> dym = Suggestions.closest(op, scope.visibleBlockNames());
        if (dym.isPresent()) d = d.help("did you mean `" + dym.get() + "`?");
        else {
            Optional<String> hidden = Suggestions.closest(op, scope.catalog.blocks().names());
            if (hidden.isPresent()) {
                String module = scope.catalog.blocks().find(hidden.get()).get().module();
                d = d.help("did you mean `" + hidden.get() + "` from module '" + module + "'? add `use " + module + ";`");
            }
        }
        diags.add(d.note("blocks available here: " + String.join(", ", scope.visibleBlockNames())));
        return Optional.empty();
    }

    private void domainCrossing(BlockType block, Arg a, String inId, ValueType inType, Domain expected) {
        String shown = a.value() instanceof Expr.Name n ? "'" + n.name() + "'" : "its input";
        Diagnostic d = Diagnostic.error(DiagnosticCode.DOMAIN_CROSSING, a.span(),
                "block '" + block.name() + "' expects a " + expected.name() + " signal, but " + shown + " is " + inType,
                inType.domain().name() + " signal here");
        List<String> fixes = new ArrayList<>();
        for (BlockType b : scope.catalog.blocks().all()) {
            if (b.converts() && b.inputs().equals(List.of(inType.domain())) && b.output().equals(expected)) {
                boolean visible = scope.visibleBlock(b.name()).isPresent();
                String src = a.value() instanceof Expr.Name n ? n.name() : "...";
                fixes.add("`" + b.name() + "(" + src + ")`" + (visible ? "" : " (add `use " + b.module() + ";`)"));
            }
        }
        d = d.note("crossing from " + inType.domain().name() + " to " + expected.name() + " needs a physical block (modulator, detector, ADC)");
        d = fixes.isEmpty() ? d.help("no loaded block converts " + inType.domain().name() + " to " + expected.name())
                : d.help("convert it first with " + String.join(" or ", fixes));
        diags.add(d);
    }

    private Optional<Span> argSpan(Expr.Call call, BlockType block, String argument) {
        if (argument == null) return Optional.empty();
        for (Arg a : call.named()) if (a.name().get().name().equals(argument)) return Optional.of(a.span());
        List<Arg> positional = call.positional();
        List<ArgSpec> specs = safeArgs(block);
        for (int i = 0; i < specs.size(); i++) {
            int p = block.inputs().size() + i;
            if (specs.get(i).name().equals(argument) && p < positional.size()) return Optional.of(positional.get(p).span());
        }
        return Optional.empty();
    }

    private String nestedId(String stmt, Expr.Call inner, Map<String, Integer> counters) {
        String base = stmt + "/" + inner.callee().name();
        int n = counters.merge(base, 1, Integer::sum);
        return n == 1 ? base : base + "#" + n;
    }

    private void unknownSignal(String name, Span span) {
        Diagnostic d = Diagnostic.error(DiagnosticCode.UNKNOWN_NAME, span,
                "unknown signal '" + name + "' in network '" + net.name().name() + "'", "not defined in this network");
        Optional<String> dym = Suggestions.closest(name, stmts.keySet());
        diags.add(dym.isPresent() ? d.help("did you mean `" + dym.get() + "`?") : d);
    }

    private void pluginFailure(Span span, String block, String doing, RuntimeException e) {
        String source = scope.catalog.blocks().sourceOf(block).orElse("a plugin");
        diags.add(Diagnostic.error(DiagnosticCode.PLUGIN_FAILURE, span,
                        "block '" + block + "' failed while " + doing + ": " + e, "plugin failed here")
                .note("contributed by " + source).help("this is a bug in the plugin; report it to its authors"));
    }

    /** Places parameter slices in node order and builds the immutable graph. */
    private Optional<Graph> place(String output) {
        List<Node> out = new ArrayList<>();
        long offset = 0;
        for (PendingNode p : nodes) {
            List<ParamSlice> slices = new ArrayList<>();
            for (ParamSpec ps : p.params()) {
                long len = 1;
                for (int d : ps.shape()) len *= d;
                if (offset + len > Integer.MAX_VALUE - 8 || len < 0) {
                    diags.add(Diagnostic.error(DiagnosticCode.INVALID_WIDTH, span(p.loc()),
                            "network '" + net.name().name() + "' needs more than " + (Integer.MAX_VALUE - 8) + " parameters", "too many parameters"));
                    return Optional.empty();
                }
                slices.add(new ParamSlice(p.id() + "." + ps.name(), (int) offset, (int) len, ps.shape(), ps.unit(),
                        ps.lower(), ps.upper(), ps.periodic(), ps.init()));
                offset += len;
            }
            out.add(new Node(p.id(), p.op(), p.inputs(), p.attrs(), p.type(), slices, p.loc()));
        }
        return Optional.of(new Graph(net.name().name(), out, output, loc(net.name().span())));
    }

    private Loc loc(Span s) {
        return new Loc(scope.sourceName, s.line(), s.column());
    }

    private static Span span(Loc l) {
        return Span.point(Math.max(1, l.line()), Math.max(1, l.column()));
    }

    static String at(Span s) {
        return "line " + s.line() + ":" + s.column();
    }
}
