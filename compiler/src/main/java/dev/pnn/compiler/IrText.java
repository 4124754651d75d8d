package dev.pnn.compiler;

import dev.pnn.compiler.irtext.PnnIrLexer;
import dev.pnn.compiler.irtext.PnnIrParser;
import dev.pnn.compiler.irtext.PnnIrParser.*;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The readable text form of a {@link Program}: {@link #print} writes it, {@link #parse} reads it back to an equal
 * program (every double, unit, location and map entry survives). Operator values are printed fully
 * parenthesized, one operator per group, so {@code a + b + c} as one three-operand {@link Value.Op} stays one.
 */
public final class IrText {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*([./#-][A-Za-z0-9_]+)*");
    /** Plain-looking names that the grammar reads as something else. */
    private static final Set<String> RESERVED = Set.of("true", "false", "inf", "nan");

    private IrText() {
    }

    // ---------------------------------------------------------------- printing

    public static String print(Program program) {
        StringBuilder sb = new StringBuilder("// pnn IR\n");
        for (Graph g : program.graphs()) graph(sb, g);
        for (HardwareProfile h : program.profiles()) {
            sb.append("\nhardware ").append(name(h.name())).append(" = ").append(name(h.backend())).append(loc(h.loc())).append(" {\n");
            for (Map.Entry<String, Value> e : h.settings().entrySet())
                sb.append("    ").append(name(e.getKey())).append(" = ").append(value(e.getValue())).append(";\n");
            sb.append("}\n");
        }
        for (TrainingPlan p : program.plans()) {
            sb.append("\nplan ").append(name(p.name())).append(" network ").append(name(p.network())).append(loc(p.loc())).append(" {\n");
            for (Map.Entry<String, Value> e : p.entries().entrySet()) {
                Loc l = p.locs().get(e.getKey());
                sb.append("    ").append(name(e.getKey())).append(" = ").append(value(e.getValue())).append(l == null ? "" : locAlways(l)).append(";\n");
            }
            for (Map.Entry<String, Loc> e : p.locs().entrySet())
                if (!p.entries().containsKey(e.getKey())) sb.append("    loc ").append(name(e.getKey())).append(locAlways(e.getValue())).append(";\n");
            sb.append("}\n");
        }
        return sb.toString();
    }

    private static void graph(StringBuilder sb, Graph g) {
        sb.append("\ngraph ").append(name(g.name())).append(" output ").append(name(g.output())).append(loc(g.loc())).append(" {\n");
        for (Node n : g.nodes()) {
            sb.append("    node ").append(name(n.id())).append(" = ").append(name(n.op())).append('(');
            sb.append(String.join(", ", n.inputs().stream().map(IrText::name).toList())).append(") : ").append(type(n.type()));
            if (!n.attrs().isEmpty()) {
                sb.append("\n        attrs {");
                String sep = "";
                for (Map.Entry<String, Value> e : n.attrs().entrySet()) {
                    sb.append(sep).append(name(e.getKey())).append(": ").append(value(e.getValue()));
                    sep = ", ";
                }
                sb.append('}');
            }
            for (ParamSlice s : n.params()) {
                sb.append("\n        param ").append(name(s.name())).append(" offset ").append(s.offset()).append(" length ").append(s.length())
                        .append(" shape ").append(s.shape().toString());
                if (s.unit() != null) sb.append(" unit ").append(unit(s.unit()));
                sb.append(" lower ").append(number(s.lower())).append(" upper ").append(number(s.upper()));
                if (s.periodic()) sb.append(" periodic");
                sb.append(" init ").append(init(s.init()));
            }
            sb.append(loc(n.loc())).append(";\n");
        }
        sb.append("}\n");
    }

    private static String type(ValueType t) {
        Domain d = t.domain();
        boolean defaultComplex = d.name().equals(Domain.FIELD.name());
        return name(d.name()) + "[" + t.width() + "]" + (d.complex() == defaultComplex ? "" : d.complex() ? " complex" : " noncomplex");
    }

    private static String init(Init init) {
        if (init == null) return "none";
        if (init instanceof Init.Uniform u) return "uniform(" + number(u.low()) + ", " + number(u.high()) + ")";
        if (init instanceof Init.Normal n) return "normal(" + number(n.mean()) + ", " + number(n.std()) + ")";
        return "constant(" + number(((Init.Constant) init).value()) + ")";
    }

    private static String loc(Loc l) {
        return l == null || l.equals(Loc.NONE) ? "" : locAlways(l);
    }

    private static String locAlways(Loc l) {
        return " @ " + string(l.file()) + ":" + l.line() + ":" + l.column();
    }

    static String value(Value v) {
        if (v instanceof Value.Num n) {
            if (n.unit() == null) return number(n.value());
            return number(n.value()) + (n.unit() == Unit.PERCENT ? "%" : " " + unit(n.unit()));
        }
        if (v instanceof Value.Str s) return string(s.value());
        if (v instanceof Value.Bool b) return Boolean.toString(b.value());
        if (v instanceof Value.Sym s) return name(s.name());
        if (v instanceof Value.Range r) return r.from() + ".." + r.to();
        if (v instanceof Value.ListV l) return "[" + String.join(", ", l.items().stream().map(IrText::value).toList()) + "]";
        if (v instanceof Value.Call c) {
            List<String> parts = new ArrayList<>();
            for (Value p : c.positional()) parts.add(value(p));
            for (Map.Entry<String, Value> e : c.named().entrySet()) parts.add(name(e.getKey()) + ": " + value(e.getValue()));
            return name(c.name()) + "(" + String.join(", ", parts) + ")";
        }
        Value.Op op = (Value.Op) v;
        if (op.operator().equals("neg")) return "-(" + value(op.operands().get(0)) + ")";
        return "(" + String.join(" " + op.operator() + " ", op.operands().stream().map(IrText::value).toList()) + ")";
    }

    private static String unit(Unit u) {
        return u == Unit.PERCENT ? "%" : name(u.symbol());
    }

    static String number(double d) {
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        if (d == Math.rint(d) && Math.abs(d) < 1e15 && !(d == 0 && 1 / d < 0)) return Long.toString((long) d);
        return Double.toString(d);
    }

    static String name(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s)) return s;
        return "`" + s.replace("\\", "\\\\").replace("`", "\\`").replace("\n", "\\n").replace("\r", "\\r") + "`";
    }

    static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Reads the text form back.
     *
     * @throws PnnException on malformed text, naming the line and column
     */
    public static Program parse(String text) {
        PnnIrLexer lexer = new PnnIrLexer(CharStreams.fromString(text));
        PnnIrParser parser = new PnnIrParser(new CommonTokenStream(lexer));
        BaseErrorListener fail = new BaseErrorListener() {
            @Override
            public void syntaxError(Recognizer<?, ?> r, Object sym, int line, int col, String msg, RecognitionException e) {
                throw new PnnException("malformed IR text: " + msg, new Loc("<ir>", line, col + 1),
                        "IR text is written by `pnn compile --emit ir`; edit it only in ways that keep its grammar");
            }
        };
        lexer.removeErrorListeners();
        lexer.addErrorListener(fail);
        parser.removeErrorListeners();
        parser.addErrorListener(fail);
        ProgramContext tree = parser.program();
        List<Graph> graphs = new ArrayList<>();
        List<HardwareProfile> profiles = new ArrayList<>();
        List<TrainingPlan> plans = new ArrayList<>();
        for (DeclContext d : tree.decl()) {
            if (d.graph() != null) graphs.add(graph(d.graph()));
            else if (d.hardware() != null) profiles.add(hardware(d.hardware()));
            else plans.add(plan(d.plan()));
        }
        return new Program(graphs, profiles, plans);
    }

    private static Graph graph(GraphContext g) {
        List<Node> nodes = new ArrayList<>();
        for (NodeContext n : g.node()) {
            List<NameContext> names = n.name();
            String id = name(names.get(0)), op = name(names.get(1));
            List<String> inputs = names.subList(2, names.size()).stream().map(IrText::name).toList();
            Map<String, Value> attrs = new LinkedHashMap<>();
            for (PairContext p : n.pair()) put(attrs, p);
            List<ParamSlice> params = n.param().stream().map(IrText::param).toList();
            nodes.add(new Node(id, op, inputs, attrs, type(n.type()), params, loc(n.loc())));
        }
        return new Graph(name(g.name(0)), nodes, name(g.name(1)), loc(g.loc()));
    }

    private static ValueType type(TypeContext t) {
        String d = name(t.name());
        boolean complex = t.getChildCount() == 5 ? t.getChild(4).getText().equals("complex") : d.equals(Domain.FIELD.name());
        Domain domain = d.equals("real") && !complex ? Domain.REAL : d.equals("field") && complex ? Domain.FIELD : new Domain(d, complex);
        return new ValueType(domain, integer(t.INT().getSymbol()));
    }

    private static ParamSlice param(ParamContext p) {
        List<Token> ints = p.INT().stream().map(t -> t.getSymbol()).toList();
        int offset = integer(ints.get(0)), length = integer(ints.get(1));
        List<Integer> shape = ints.subList(2, ints.size()).stream().map(IrText::integer).toList();
        Unit unit = p.unit() == null ? null : unit(p.unit());
        boolean periodic = p.children.stream().anyMatch(c -> c instanceof org.antlr.v4.runtime.tree.TerminalNode && c.getText().equals("periodic"));
        return new ParamSlice(name(p.name()), offset, length, shape, unit, number(p.number(0)), number(p.number(1)), periodic, init(p.init()));
    }

    private static Init init(InitContext i) {
        return switch (i.getStart().getText()) {
            case "uniform" -> new Init.Uniform(number(i.number(0)), number(i.number(1)));
            case "normal" -> new Init.Normal(number(i.number(0)), number(i.number(1)));
            case "constant" -> new Init.Constant(number(i.number(0)));
            default -> null;
        };
    }

    private static HardwareProfile hardware(HardwareContext h) {
        Map<String, Value> settings = new LinkedHashMap<>();
        for (SettingContext s : h.setting()) settings.put(name(s.name()), value(s.value()));
        return new HardwareProfile(name(h.name(0)), name(h.name(1)), settings, loc(h.loc()));
    }

    private static TrainingPlan plan(PnnIrParser.PlanContext p) {
        Map<String, Value> entries = new LinkedHashMap<>();
        Map<String, Loc> locs = new LinkedHashMap<>();
        for (SettingContext s : p.setting()) {
            entries.put(name(s.name()), value(s.value()));
            if (s.loc() != null) locs.put(name(s.name()), loc(s.loc()));
        }
        for (PlanLocContext l : p.planLoc()) locs.put(name(l.name()), loc(l.loc()));
        return new TrainingPlan(name(p.name(0)), name(p.name(1)), entries, locs, loc(p.loc()));
    }

    private static Loc loc(LocContext l) {
        if (l == null) return Loc.NONE;
        return new Loc(unquote(l.STRING().getText()), signedInt(l.signedInt(0)), signedInt(l.signedInt(1)));
    }

    private static Value value(ValueContext v) {
        if (v instanceof NumValueContext n) {
            double d = number(n.number());
            return new Value.Num(d, n.unit() == null ? null : unit(n.unit()));
        }
        if (v instanceof StrValueContext s) return new Value.Str(unquote(s.STRING().getText()));
        if (v instanceof TrueValueContext) return new Value.Bool(true);
        if (v instanceof FalseValueContext) return new Value.Bool(false);
        if (v instanceof RangeValueContext r) return new Value.Range(signedInt(r.signedInt(0)), signedInt(r.signedInt(1)));
        if (v instanceof ListValueContext l) return new Value.ListV(l.value().stream().map(IrText::value).toList());
        if (v instanceof CallValueContext c) {
            List<Value> positional = new ArrayList<>();
            Map<String, Value> named = new LinkedHashMap<>();
            if (c.args() != null) {
                for (ValueContext x : c.args().value()) positional.add(value(x));
                for (PairContext p : c.args().pair()) put(named, p);
            }
            return new Value.Call(name(c.name()), positional, named);
        }
        if (v instanceof NegValueContext n) return new Value.Op("neg", List.of(value(n.value())));
        if (v instanceof OpValueContext o) {
            String op = o.OPERATOR(0).getText();
            for (var t : o.OPERATOR())
                if (!t.getText().equals(op)) throw new PnnException("mixed operators in one group at line " + t.getSymbol().getLine(),
                        "IR text groups one operator per parenthesis");
            return new Value.Op(op, o.value().stream().map(IrText::value).toList());
        }
        if (v instanceof MinusValueContext m) return new Value.Op("-", m.value().stream().map(IrText::value).toList());
        return new Value.Sym(name(((SymValueContext) v).name()));
    }

    private static void put(Map<String, Value> map, PairContext p) {
        String key = name(p.name());
        if (map.put(key, value(p.value())) != null)
            throw new PnnException("key '" + key + "' appears twice", new Loc("<ir>", p.getStart().getLine(), p.getStart().getCharPositionInLine() + 1),
                    "each key appears once");
    }

    private static Unit unit(UnitContext u) {
        String s = u.name() == null ? "%" : name(u.name());
        return Unit.bySymbol(s).orElseThrow(() -> new PnnException("unknown unit '" + s + "'",
                new Loc("<ir>", u.getStart().getLine(), u.getStart().getCharPositionInLine() + 1), "units: " + Unit.symbols()));
    }

    private static double number(NumberContext n) {
        String t = n.getText();
        if (t.equals("nan")) return Double.NaN;
        boolean neg = t.startsWith("-");
        String body = neg ? t.substring(1) : t;
        double d = body.equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(body);
        return neg ? -d : d;
    }

    private static int signedInt(SignedIntContext s) {
        long v = Long.parseLong(s.INT().getText().length() > 11 ? "99999999999" : s.INT().getText());
        v = s.getChildCount() == 2 ? -v : v;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
            throw new PnnException("integer " + s.getText() + " out of range", new Loc("<ir>", s.getStart().getLine(), s.getStart().getCharPositionInLine() + 1), "");
        return (int) v;
    }

    private static int integer(Token t) {
        String s = t.getText();
        if (s.length() > 10 || Long.parseLong(s) > Integer.MAX_VALUE)
            throw new PnnException("integer " + s + " out of range", new Loc("<ir>", t.getLine(), t.getCharPositionInLine() + 1), "");
        return Integer.parseInt(s);
    }

    private static String name(NameContext n) {
        String t = n.getText();
        return n.QUOTED() != null ? unescapeQuoted(t) : t;
    }

    private static String unescapeQuoted(String t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c == '\\') {
                char e = t.charAt(++i);
                sb.append(switch (e) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> e;
                });
            } else sb.append(c);
        }
        return sb.toString();
    }

    private static String unquote(String t) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < t.length() - 1; i++) {
            char c = t.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = t.charAt(++i);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    sb.append((char) Integer.parseInt(t.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> sb.append(e);
            }
        }
        return sb.toString();
    }
}
