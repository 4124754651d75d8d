package dev.pnn.runtime;

import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Init;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.ir.ValueType;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hand-built IR for runtime tests, as the compiler would lower:
 * <pre>
 * network Toy { input x : real[4]; h = affine(x, out: 5); output y = affine(h, out: 3); }
 * hardware ideal = toy_sim;
 * train Toy { data = toy_blobs(n: 300, seed: 1); loss = toy_ce; trainer = toy_gd;
 *             optimizer = toy_momentum(lr: 0.05); epochs = 4; batch = 16; seed = 7; on = ideal; }
 * </pre>
 * Plan entry {@code k} is written on line 10 + its position, column 5.
 */
final class ToyProgram {
    static final String FILE = "toy.pnn";

    private final Map<String, Value> entries = new LinkedHashMap<>();
    private HardwareProfile profile = new HardwareProfile("ideal", "toy_sim", Map.of(), new Loc(FILE, 5, 1));

    ToyProgram() {
        entries.put(TrainingPlan.DATA, call("toy_blobs", Map.of("n", new Value.Num(300), "seed", new Value.Num(1))));
        entries.put(TrainingPlan.LOSS, new Value.Sym("toy_ce"));
        entries.put(TrainingPlan.TRAINER, new Value.Sym("toy_gd"));
        entries.put(TrainingPlan.OPTIMIZER, call("toy_momentum", Map.of("lr", new Value.Num(0.05))));
        entries.put(TrainingPlan.EPOCHS, new Value.Num(4));
        entries.put(TrainingPlan.BATCH, new Value.Num(16));
        entries.put(TrainingPlan.SEED, new Value.Num(7));
        entries.put(TrainingPlan.ON, new Value.Sym("ideal"));
    }

    static Value.Call call(String name, Map<String, Value> named) {
        return new Value.Call(name, List.of(), new LinkedHashMap<>(new java.util.TreeMap<>(named)));
    }

    ToyProgram set(String key, Value v) {
        entries.put(key, v);
        return this;
    }

    ToyProgram without(String key) {
        entries.remove(key);
        return this;
    }

    ToyProgram profile(HardwareProfile p) {
        this.profile = p;
        return this;
    }

    static Loc locOf(String key) {
        List<String> order = List.of(TrainingPlan.DATA, TrainingPlan.LOSS, TrainingPlan.TRAINER, TrainingPlan.OPTIMIZER,
                TrainingPlan.EPOCHS, TrainingPlan.BATCH, TrainingPlan.SEED, TrainingPlan.ON);
        return new Loc(FILE, 10 + order.indexOf(key), 5);
    }

    Program build() {
        Node x = new Node("x", Node.INPUT_OP, List.of(), Map.of(), ValueType.real(4), List.of(), new Loc(FILE, 2, 5));
        Node h = affine("h", "x", 4, 5, 0, 3);
        Node y = affine("y", "h", 5, 3, 25, 4);
        Graph g = new Graph("Toy", List.of(x, h, y), "y", new Loc(FILE, 1, 1));
        Map<String, Loc> locs = new LinkedHashMap<>();
        for (String k : entries.keySet()) locs.put(k, locOf(k));
        TrainingPlan plan = new TrainingPlan("Toy", "Toy", entries, locs, new Loc(FILE, 9, 1));
        return new Program(List.of(g), List.of(profile), List.of(plan));
    }

    private static Node affine(String id, String input, int n, int out, int offset, int line) {
        ParamSlice w = new ParamSlice(id + ".weight", offset, out * n, List.of(out, n), null,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, new Init.Normal(0, 0.5));
        ParamSlice b = new ParamSlice(id + ".bias", offset + out * n, out, List.of(out), null,
                Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, false, new Init.Constant(0));
        return new Node(id, "affine", List.of(input), Map.of("out", new Value.Num(out)), ValueType.real(out),
                List.of(w, b), new Loc(FILE, line, 5));
    }
}
