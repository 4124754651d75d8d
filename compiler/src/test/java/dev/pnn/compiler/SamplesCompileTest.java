package dev.pnn.compiler;

import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SamplesCompileTest {
    static String resource(String name) {
        try (InputStream in = SamplesCompileTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Compilation compile(String name) {
        return new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile(name, resource("samples/" + name));
    }

    @Test
    void mziDigitsLowersToTheExpectedGraph() {
        Compilation c = compile("mzi_digits.pnn");
        assertTrue(c.ok(), c.render());
        Program p = c.program().orElseThrow();
        Graph g = p.graph("MziDigits").orElseThrow();
        assertEquals(List.of("pixels", "signal", "mixed", "power", "logits/take", "logits"), g.nodes().stream().map(Node::id).toList());
        assertEquals("logits", g.output());
        assertEquals(64 * 64 + 1, g.paramCount());
        ParamSlice phases = g.slice("mixed.phases").orElseThrow();
        assertEquals(0, phases.offset());
        assertEquals(4096, phases.length());
        ParamSlice gamma = g.slice("logits.gamma").orElseThrow();
        assertEquals(4096, gamma.offset());
        Node take = g.node("logits/take").orElseThrow();
        assertEquals(new Value.Range(0, 9), take.attrs().get("indices"));
        assertEquals("real[10]", take.type().toString());
        assertEquals(List.of("logits/take"), g.node("logits").orElseThrow().inputs());
        assertEquals(new Value.Num(10), g.node("logits").orElseThrow().attrs().get("init"));
        assertEquals(new Value.Sym("amplitude"), g.node("signal").orElseThrow().attrs().get("mode"));
        assertEquals(12, g.node("logits").orElseThrow().loc().line());
        TrainingPlan plan = p.plan("MziDigits").orElseThrow();
        assertEquals(new Value.Call("digits8x8", List.of(), java.util.Map.of("path", new Value.Str("data/digits8x8.csv.gz"),
                "test", new Value.Num(20, dev.pnn.spi.ir.Unit.PERCENT), "seed", new Value.Num(1))), plan.entry("data").orElseThrow());
        assertEquals(new Value.Sym("ideal"), plan.entry("on").orElseThrow());
        assertEquals(60, plan.intEntry("epochs", 0));
        assertEquals(18, plan.locOf("data").line());
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndingsAreFine() {
        String src = "\uFEFF" + resource("samples/mzi_digits.pnn").replace("\n", "\r\n");
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("crlf.pnn", src);
        assertTrue(c.ok(), c.render());
        assertEquals(12, c.program().orElseThrow().graph("MziDigits").orElseThrow().node("logits").orElseThrow().loc().line());
    }

    @Test
    void architectureSampleChecksCleanly() {
        Compilation c = compile("architecture.pnn");
        assertTrue(c.ok(), c.render());
        Program p = c.program().orElseThrow();
        assertEquals(2, p.profiles().size());
        Value detector = p.profile("lab_chip").orElseThrow().settings().get("detector");
        assertEquals("(shot_noise(photons: 10000) + adc(bits: 10))", detector.toString());
        Value eval = p.plan("MziDigits").orElseThrow().entry("evaluate").orElseThrow();
        assertEquals("monte_carlo(profile: lab_chip, devices: 20, seed: 0)", eval.toString());
        assertEquals("sat(rho: 0.2, base: backprop)", p.plan("MziDigits").orElseThrow().entry("trainer").orElseThrow().toString());
    }
}
