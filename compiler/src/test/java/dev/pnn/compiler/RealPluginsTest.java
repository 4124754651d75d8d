package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The built-in plugins (found through ServiceLoader, as the runtime finds them) and the real stdlib module. */
class RealPluginsTest {
    static Catalog catalog() {
        List<PnnPlugin> plugins = new ArrayList<>();
        ServiceLoader.load(PnnPlugin.class).forEach(plugins::add);
        return Catalog.of(plugins);
    }

    static PnnCompiler compiler() {
        return new PnnCompiler(catalog(), ClasspathModules.standard());
    }

    @Test
    void mziDigitsSampleChecksCleanly() throws Exception {
        Path sample = Path.of("../samples/mzi_digits.pnn");
        Compilation c = Files.exists(sample) ? compiler().compile(sample)
                : compiler().compile("mzi_digits.pnn", SamplesCompileTest.resource("samples/mzi_digits.pnn"));
        assertTrue(c.ok(), c.render());
        Graph g = c.program().orElseThrow().graph("MziDigits").orElseThrow();
        assertEquals(64 * 64 + 1, g.paramCount());
        // one 64-mode Clements mesh: 64·63/2 MZIs, already a dense (universal) mesh
        assertEquals(List.of(new DeviceSummary("MziDigits", "MZI", 2016, 2016)), c.deviceSummary());
        assertEquals("network MziDigits: 2016 MZIs (dense equivalent 2016, 1.00x)", c.deviceSummary().get(0).line());
    }

    @Test
    void deviceTotalsAddUpMeshesAndDenseLayersAndLeaveDigitalBlocksOut() {
        String src = """
                use photonics;
                network Mixed {
                    input  x : real[8];
                    a = photodetect(reck(modulate(x)));
                    output y = linear(relu(a), out: 3);
                }
                network Digital {
                    input  x : real[4];
                    output y = gain(relu(x));
                }
                """;
        Compilation c = compiler().compile("mixed.pnn", src);
        assertTrue(c.ok(), c.render());
        // reck on 8 modes: 28 MZIs; linear (electronic on photonic_sim), relu, gain: none
        assertEquals(List.of(new DeviceSummary("Mixed", "MZI", 28, 28)), c.deviceSummary());
    }

    @Test
    void architectureSampleChecksCleanly() {
        Compilation c = compiler().compile("architecture.pnn", SamplesCompileTest.resource("samples/architecture.pnn"));
        assertTrue(c.ok(), c.render());
        Program p = c.program().orElseThrow();
        assertEquals("sat", ((Value.Call) p.plan("MziDigits").orElseThrow().entry("trainer").orElseThrow()).name());
    }

    @Test
    void stdlibProfilesAreReferableAfterUse() {
        String src = SamplesCompileTest.resource("samples/mzi_digits.pnn")
                .replace("    on        = ideal;", "    on        = ideal;\n    evaluate  = monte_carlo(soi_foundry, devices: 5);");
        Compilation c = compiler().compile("mzi_digits.pnn", src);
        assertTrue(c.ok(), c.render());
        Program p = c.program().orElseThrow();
        assertTrue(p.profile("sin_foundry").isPresent());
        assertEquals("photonic_sim", p.profile("soi_foundry").orElseThrow().backend());
        assertEquals("pnn/stdlib/photonics.pnn", p.profile("soi_foundry").orElseThrow().loc().file());
    }

    @Test
    void theStdlibModuleItselfCompiles() {
        // Every profile of the module checks against the real plugins: no module error at the use site.
        Compilation c = compiler().compile("m.pnn", "use photonics;\nhardware x = photonic_sim;\n");
        assertTrue(c.ok(), c.render());
        assertEquals(4, c.program().orElseThrow().profiles().size());
    }

    @Test
    void epOnThePhotonicSimulatorIsACapabilityError() {
        String src = SamplesCompileTest.resource("samples/mzi_digits.pnn").replace("trainer   = backprop;", "trainer   = ep(beta: 0.1);");
        Compilation c = compiler().compile("mzi_digits.pnn", src);
        List<Diagnostic> d = c.diagnostics();
        assertEquals(1, d.size(), c.render());
        // 'ep' (trainer-physics) is not on this test classpath: the expected diagnostic is an unknown trainer at
        // the trainer line. With trainer-physics present it becomes PNN-E0401 at the same place (see RenderingTest).
        assertEquals(DiagnosticCode.UNKNOWN_NAME, d.get(0).code(), c.render());
        assertEquals("unknown trainer 'ep'", d.get(0).message());
        assertEquals(20, d.get(0).span().line());
        assertEquals(17, d.get(0).span().column());
    }
}
