package dev.pnn.physics;

import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.EchoView;
import dev.pnn.spi.device.EnergyView;
import dev.pnn.spi.device.ScatteringView;
import dev.pnn.spi.ir.Graph;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The speed benchmarks of issue 7, as a main-style run (not part of the test suite; the name matches no surefire
 * pattern): relaxations per second of a 100-node cubic resistor network, echoes (200-step passes) per second of a
 * 64-site Kerr lattice, probes per second of a 32-resonator scattering network. Each is timed for several
 * seconds after a warm-up, single-threaded; the results go into docs/physics-native.md. Run with
 * {@code mvn -B -q -o -pl plugins/trainer-physics -am test -Dtest=PhysicsSpeedRun -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class PhysicsSpeedRun {
    static final double SECONDS = 4;

    record Rate(String what, double perSecond, String note) {
    }

    @Test
    void measureAndWrite() throws Exception {
        Rate relax = relaxations(), echo = echoes(), probe = probes();
        StringBuilder sb = new StringBuilder();
        sb.append("Measured by `PhysicsSpeedRun` on ").append(DocSection.machine())
                .append(" (single thread, ").append((int) SECONDS).append(" s per measurement after warm-up).\n\n");
        sb.append("| benchmark | rate | notes |\n|---|---:|---|\n");
        for (Rate r : new Rate[]{relax, echo, probe})
            sb.append(String.format("| %s | %,.0f /s | %s |%n", r.what, r.perSecond, r.note));
        System.out.print(sb);
        DocSection.replace(DocSection.repoRoot().resolve("docs/physics-native.md"), "speed", sb.toString());
    }

    static double[] randomInput(long seed, int n) {
        Rng r = Rng.derived(seed, "x");
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = r.nextDouble();
        return x;
    }

    /** Calls {@code op} (returning a count of work units) repeatedly for SECONDS; returns units per second. */
    static double rate(IntSupplier op) {
        long warm = System.nanoTime();
        while (System.nanoTime() - warm < 1_000_000_000L) op.getAsInt();
        long units = 0, t0 = System.nanoTime();
        while (System.nanoTime() - t0 < (long) (SECONDS * 1e9)) units += op.getAsInt();
        return units / ((System.nanoTime() - t0) * 1e-9);
    }

    static Rate relaxations() {
        Graph g = Systems.single("resistor_network", 10, Map.of("nodes", Systems.num(100), "outputs", Systems.num(10),
                "element", Systems.call("cubic", Map.of("c", Systems.num(0.5)))));
        Device d = Systems.open("energy_sim", g);
        EnergyView v = d.view(EnergyView.class);
        double[] theta = Systems.init(g, 1), x = randomInput(1, 10), s = new double[v.stateSize()];
        int[] iterations = new int[2];
        double perSecond = rate(() -> {
            iterations[0] += v.relax(theta, x, EnergyView.Nudge.FREE, null, s).iterations();
            iterations[1]++;
            return 1;
        });
        return new Rate("relaxations, `resistor_network` 100 free nodes (10 outputs), 10 inputs, cubic c = 0.5, dense: "
                + g.paramCount() + " resistors", perSecond,
                String.format("Newton from v = 0 to step < 1e-13, %.1f iterations on average", iterations[0] / (double) iterations[1]));
    }

    static Rate echoes() {
        Graph g = Systems.single("kerr_lattice", 64, Map.of("sites", Systems.num(64), "steps", Systems.num(200),
                "dt", Systems.num(0.05), "outputs", Systems.num(10)));
        Device d = Systems.open("kerr_sim", g);
        EchoView v = d.view(EchoView.class);
        double[] theta = Systems.init(g, 2), x = randomInput(2, 64);
        EchoView.Wave w = v.launch(theta, x);
        double perSecond = rate(() -> {
            w.evolve();
            w.timeReverse();
            return 1;
        });
        return new Rate("echoes, `kerr_lattice` 64 sites × 200 Strang steps", perSecond,
                "one echo = one full pass (forward or echo) of the wave and the learning momentum");
    }

    static Rate probes() {
        Graph g = Systems.single("scattering", 16, Map.of("modes", Systems.num(32), "outputs", Systems.num(4)));
        Device d = Systems.open("scattering_sim", g);
        ScatteringView v = d.view(ScatteringView.class);
        double[] theta = Systems.init(g, 3), x = randomInput(3, 16), re = new double[32], im = new double[32];
        double perSecond = rate(() -> {
            v.probe(theta, x, 0, 1, 0, re, im);
            return 1;
        });
        return new Rate("probes, `scattering` 32 resonators, all-to-all couplings (" + g.paramCount() + " knobs)",
                perSecond, "one probe = build M, complex LU (EJML), one solve, fields at all 32 ports");
    }
}
