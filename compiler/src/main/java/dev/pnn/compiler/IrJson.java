package dev.pnn.compiler;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Program} as JSON ({@code pnn compile --emit json}), and back. Values are tagged objects
 * ({@code {"num": 0.05, "unit": "rad"}}, {@code {"call": "adam", "positional": [], "named": {...}}}); infinite and
 * NaN doubles are written as the strings {@code "inf"}, {@code "-inf"}, {@code "nan"} since JSON has no such numbers.
 */
public final class IrJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private IrJson() {
    }

    public static String write(Program p) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode graphs = root.putArray("graphs");
        for (Graph g : p.graphs()) graphs.add(graph(g));
        ArrayNode profiles = root.putArray("profiles");
        for (HardwareProfile h : p.profiles()) {
            ObjectNode o = profiles.addObject();
            o.put("name", h.name());
            o.put("backend", h.backend());
            o.set("settings", valueMap(h.settings()));
            o.set("loc", loc(h.loc()));
        }
        ArrayNode plans = root.putArray("plans");
        for (TrainingPlan t : p.plans()) {
            ObjectNode o = plans.addObject();
            o.put("name", t.name());
            o.put("network", t.network());
            o.set("entries", valueMap(t.entries()));
            ObjectNode locs = o.putObject("locs");
            t.locs().forEach((k, v) -> locs.set(k, loc(v)));
            o.set("loc", loc(t.loc()));
        }
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private static ObjectNode graph(Graph g) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", g.name());
        o.put("output", g.output());
        o.set("loc", loc(g.loc()));
        o.put("paramCount", g.paramCount());
        ArrayNode nodes = o.putArray("nodes");
        for (Node n : g.nodes()) {
            ObjectNode x = nodes.addObject();
            x.put("id", n.id());
            x.put("op", n.op());
            ArrayNode in = x.putArray("inputs");
            n.inputs().forEach(in::add);
            x.set("attrs", valueMap(n.attrs()));
            ObjectNode type = x.putObject("type");
            type.put("domain", n.type().domain().name());
            type.put("complex", n.type().domain().complex());
            type.put("width", n.type().width());
            ArrayNode params = x.putArray("params");
            for (ParamSlice s : n.params()) {
                ObjectNode ps = params.addObject();
                ps.put("name", s.name());
                ps.put("offset", s.offset());
                ps.put("length", s.length());
                ArrayNode shape = ps.putArray("shape");
                s.shape().forEach(shape::add);
                if (s.unit() == null) ps.putNull("unit");
                else ps.put("unit", s.unit().symbol());
                ps.set("lower", number(s.lower()));
                ps.set("upper", number(s.upper()));
                ps.put("periodic", s.periodic());
                ps.set("init", init(s.init()));
            }
            x.set("loc", loc(n.loc()));
        }
        return o;
    }

    private static JsonNode init(Init i) {
        if (i == null) return MAPPER.nullNode();
        ObjectNode o = MAPPER.createObjectNode();
        if (i instanceof Init.Uniform u) {
            o.put("kind", "uniform");
            o.set("low", number(u.low()));
            o.set("high", number(u.high()));
        } else if (i instanceof Init.Normal n) {
            o.put("kind", "normal");
            o.set("mean", number(n.mean()));
            o.set("std", number(n.std()));
        } else {
            o.put("kind", "constant");
            o.set("value", number(((Init.Constant) i).value()));
        }
        return o;
    }

    private static ObjectNode loc(Loc l) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", l.file());
        o.put("line", l.line());
        o.put("column", l.column());
        return o;
    }

    private static ObjectNode valueMap(Map<String, Value> m) {
        ObjectNode o = MAPPER.createObjectNode();
        m.forEach((k, v) -> o.set(k, value(v)));
        return o;
    }

    private static JsonNode number(double d) {
        if (Double.isNaN(d)) return MAPPER.getNodeFactory().textNode("nan");
        if (Double.isInfinite(d)) return MAPPER.getNodeFactory().textNode(d > 0 ? "inf" : "-inf");
        return MAPPER.getNodeFactory().numberNode(d);
    }

    static JsonNode value(Value v) {
        ObjectNode o = MAPPER.createObjectNode();
        if (v instanceof Value.Num n) {
            o.set("num", number(n.value()));
            if (n.unit() != null) o.put("unit", n.unit().symbol());
        } else if (v instanceof Value.Str s) o.put("str", s.value());
        else if (v instanceof Value.Sym s) o.put("sym", s.name());
        else if (v instanceof Value.Bool b) o.put("bool", b.value());
        else if (v instanceof Value.Range r) {
            ArrayNode a = o.putArray("range");
            a.add(r.from());
            a.add(r.to());
        } else if (v instanceof Value.ListV l) {
            ArrayNode a = o.putArray("list");
            l.items().forEach(x -> a.add(value(x)));
        } else if (v instanceof Value.Call c) {
            o.put("call", c.name());
            ArrayNode a = o.putArray("positional");
            c.positional().forEach(x -> a.add(value(x)));
            o.set("named", valueMap(c.named()));
        } else {
            Value.Op op = (Value.Op) v;
            o.put("op", op.operator());
            ArrayNode a = o.putArray("operands");
            op.operands().forEach(x -> a.add(value(x)));
        }
        return o;
    }

    // ---------------------------------------------------------------- reading

    /** @throws PnnException when the text is not JSON written by {@link #write} */
    public static Program read(String json) {
        try {
            JsonNode root = MAPPER.readTree(json);
            List<Graph> graphs = new ArrayList<>();
            for (JsonNode g : need(root, "graphs")) graphs.add(readGraph(g));
            List<HardwareProfile> profiles = new ArrayList<>();
            for (JsonNode h : need(root, "profiles"))
                profiles.add(new HardwareProfile(text(h, "name"), text(h, "backend"), readValueMap(need(h, "settings")), readLoc(need(h, "loc"))));
            List<TrainingPlan> plans = new ArrayList<>();
            for (JsonNode t : need(root, "plans")) {
                Map<String, Loc> locs = new LinkedHashMap<>();
                Iterator<Map.Entry<String, JsonNode>> it = need(t, "locs").fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> e = it.next();
                    locs.put(e.getKey(), readLoc(e.getValue()));
                }
                plans.add(new TrainingPlan(text(t, "name"), text(t, "network"), readValueMap(need(t, "entries")), locs, readLoc(need(t, "loc"))));
            }
            return new Program(graphs, profiles, plans);
        } catch (JsonProcessingException e) {
            throw new PnnException("malformed IR JSON: " + e.getOriginalMessage(), "IR JSON is written by `pnn compile --emit json`");
        } catch (RuntimeException e) {
            if (e instanceof PnnException p) throw p;
            throw new PnnException("malformed IR JSON: " + e.getMessage(), "IR JSON is written by `pnn compile --emit json`");
        }
    }

    private static Graph readGraph(JsonNode g) {
        List<Node> nodes = new ArrayList<>();
        for (JsonNode n : need(g, "nodes")) {
            List<String> inputs = new ArrayList<>();
            need(n, "inputs").forEach(x -> inputs.add(x.asText()));
            JsonNode t = need(n, "type");
            String d = text(t, "domain");
            boolean complex = need(t, "complex").asBoolean();
            Domain domain = Domain.REAL.equals(new Domain(d, complex)) ? Domain.REAL : Domain.FIELD.equals(new Domain(d, complex)) ? Domain.FIELD : new Domain(d, complex);
            List<ParamSlice> params = new ArrayList<>();
            for (JsonNode s : need(n, "params")) {
                List<Integer> shape = new ArrayList<>();
                need(s, "shape").forEach(x -> shape.add(x.asInt()));
                JsonNode u = s.get("unit");
                Unit unit = u == null || u.isNull() ? null : unit(u.asText());
                params.add(new ParamSlice(text(s, "name"), need(s, "offset").asInt(), need(s, "length").asInt(), shape, unit,
                        readNumber(need(s, "lower")), readNumber(need(s, "upper")), need(s, "periodic").asBoolean(), readInit(s.get("init"))));
            }
            nodes.add(new Node(text(n, "id"), text(n, "op"), inputs, readValueMap(need(n, "attrs")),
                    new ValueType(domain, need(t, "width").asInt()), params, readLoc(need(n, "loc"))));
        }
        return new Graph(text(g, "name"), nodes, text(g, "output"), readLoc(need(g, "loc")));
    }

    private static Init readInit(JsonNode i) {
        if (i == null || i.isNull()) return null;
        return switch (text(i, "kind")) {
            case "uniform" -> new Init.Uniform(readNumber(need(i, "low")), readNumber(need(i, "high")));
            case "normal" -> new Init.Normal(readNumber(need(i, "mean")), readNumber(need(i, "std")));
            case "constant" -> new Init.Constant(readNumber(need(i, "value")));
            default -> throw new IllegalArgumentException("unknown init kind " + text(i, "kind"));
        };
    }

    private static Loc readLoc(JsonNode l) {
        return new Loc(text(l, "file"), need(l, "line").asInt(), need(l, "column").asInt());
    }

    private static Map<String, Value> readValueMap(JsonNode o) {
        Map<String, Value> m = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = o.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            m.put(e.getKey(), readValue(e.getValue()));
        }
        return m;
    }

    static Value readValue(JsonNode o) {
        if (o.has("num")) return new Value.Num(readNumber(o.get("num")), o.has("unit") ? unit(o.get("unit").asText()) : null);
        if (o.has("str")) return new Value.Str(o.get("str").asText());
        if (o.has("sym")) return new Value.Sym(o.get("sym").asText());
        if (o.has("bool")) return new Value.Bool(o.get("bool").asBoolean());
        if (o.has("range")) return new Value.Range(o.get("range").get(0).asInt(), o.get("range").get(1).asInt());
        if (o.has("list")) {
            List<Value> items = new ArrayList<>();
            o.get("list").forEach(x -> items.add(readValue(x)));
            return new Value.ListV(items);
        }
        if (o.has("call")) {
            List<Value> positional = new ArrayList<>();
            need(o, "positional").forEach(x -> positional.add(readValue(x)));
            return new Value.Call(o.get("call").asText(), positional, readValueMap(need(o, "named")));
        }
        if (o.has("op")) {
            List<Value> operands = new ArrayList<>();
            need(o, "operands").forEach(x -> operands.add(readValue(x)));
            return new Value.Op(o.get("op").asText(), operands);
        }
        throw new IllegalArgumentException("not a value: " + o);
    }

    private static double readNumber(JsonNode n) {
        if (n.isTextual()) return switch (n.asText()) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> throw new IllegalArgumentException("not a number: " + n);
        };
        if (!n.isNumber()) throw new IllegalArgumentException("not a number: " + n);
        return n.doubleValue();
    }

    private static Unit unit(String s) {
        return Unit.bySymbol(s).orElseThrow(() -> new IllegalArgumentException("unknown unit " + s));
    }

    private static JsonNode need(JsonNode o, String key) {
        JsonNode n = o.get(key);
        if (n == null) throw new IllegalArgumentException("missing field '" + key + "'");
        return n;
    }

    private static String text(JsonNode o, String key) {
        return need(o, key).asText();
    }
}
