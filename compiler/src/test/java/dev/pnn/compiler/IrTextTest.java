package dev.pnn.compiler;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IrTextTest {
    static final String SMALL = """
            use photonics;
            network Tiny {
                input x : real[2];
                s = modulate(x);
                output y = gain(take(photodetect(clements(s)), 0..0), init: 2.5);
            }
            hardware chip = photonic_sim { phase_error = gaussian(sigma: 0.05 rad); detector = shot_noise(photons: 1e4) + adc(bits: 8); }
            train Tiny { data = digits8x8("d.csv.gz"); loss = mse; trainer = backprop; optimizer = adam; on = chip; }
            """;

    @Test
    void printsTheReadableForm() {
        Compilation c = new PnnCompiler(FakePlugins.catalog(), ModuleSource.none()).compile("t.pnn", SMALL);
        assertTrue(c.ok(), c.render());
        assertEquals("""
                // pnn IR

                graph Tiny output y @ "t.pnn":2:9 {
                    node x = input() : real[2] @ "t.pnn":3:11;
                    node s = modulate(x) : field[2]
                        attrs {mode: amplitude} @ "t.pnn":4:9;
                    node y/clements = clements(s) : field[2]
                        attrs {modes: 0}
                        param y/clements.phases offset 0 length 4 shape [4] unit rad lower -inf upper inf periodic init uniform(0, 6.283185307179586) @ "t.pnn":5:38;
                    node y/photodetect = photodetect(y/clements) : real[2] @ "t.pnn":5:26;
                    node y/take = take(y/photodetect) : real[1]
                        attrs {indices: 0..0} @ "t.pnn":5:21;
                    node y = gain(y/take) : real[1]
                        attrs {init: 2.5}
                        param y.gamma offset 4 length 1 shape [1] lower -inf upper inf init constant(2.5) @ "t.pnn":5:16;
                }

                hardware chip = photonic_sim @ "t.pnn":7:10 {
                    phase_error = gaussian(sigma: 0.05 rad);
                    detector = (shot_noise(photons: 10000) + adc(bits: 8));
                }

                plan Tiny network Tiny @ "t.pnn":8:7 {
                    data = digits8x8(path: "d.csv.gz", test: 20%, seed: 0) @ "t.pnn":8:14;
                    loss = mse() @ "t.pnn":8:44;
                    trainer = backprop() @ "t.pnn":8:56;
                    optimizer = adam(lr: 0.001, halve_every: 0) @ "t.pnn":8:76;
                    on = chip @ "t.pnn":8:94;
                }
                """, IrText.print(c.program().orElseThrow()));
        assertEquals(c.program().orElseThrow(), IrText.parse(IrText.print(c.program().orElseThrow())));
        assertEquals(c.program().orElseThrow(), IrJson.read(IrJson.write(c.program().orElseThrow())));
    }

    @Test
    void keepsOperatorGroupsAndSignedZero() {
        Value v = new Value.Op("+", List.of(new Value.Num(-0.0), new Value.Op("neg", List.of(new Value.Sym("true"))), new Value.Num(1, null)));
        assertEquals("(-0.0 + -(`true`) + 1)", IrText.value(v));
    }

    @Test
    void malformedTextNamesTheLine() {
        PnnException e = assertThrows(PnnException.class, () -> IrText.parse("graph G output y {\n  node y = relu( : real[2];\n}"));
        assertEquals(2, e.where().line());
    }

    @Test
    void aPlanEntryLocatedNowhereKeepsItsLocation() {
        // found by IrRoundTripProperties: a plan entry whose loc is Loc.NONE must not lose the loc entry
        Program p = new Program(List.of(), List.of(), List.of(new dev.pnn.spi.ir.TrainingPlan("a", "a",
                java.util.Map.of("", new Value.Num(0)), java.util.Map.of("", dev.pnn.spi.ir.Loc.NONE), dev.pnn.spi.ir.Loc.NONE)));
        assertEquals(p, IrText.parse(IrText.print(p)));
    }

    @Test
    void emptyProgramRoundTrips() {
        Program empty = new Program(List.of(), List.of(), List.of());
        assertEquals(empty, IrText.parse(IrText.print(empty)));
    }
}
