package org.example.pnn.crossbar;

import dev.pnn.spi.Capability;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.Rng;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.DeviceRequest;
import dev.pnn.spi.device.SettingSpec;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.exec.KernelDevice;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.Value;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Backend {@code crossbar_sim}: a simulated chip of memristor crossbars (ALGORITHMS.md §2.7). Profile settings:
 * conductance window {@code g_min}, {@code g_max} (µS, plain numbers), static programming noise
 * {@code program_noise} (σ_p, relative: G → G(1 + σ_p ξ)) and per-read noise {@code read_noise} (σ_r, in weight
 * units of an output). Without settings the device is noiseless (but still quantized to each block's levels).
 * Static errors come from {@code Rng.derived(seed, "static")} in node order, read noise from
 * {@code Rng.derived(seed, "dynamic")}, so one seed gives one chip bit for bit.
 */
final class CrossbarBackend implements Backend {
    static final String NAME = "crossbar_sim";
    static final Set<Capability> CAPABILITIES = Set.of(Capability.FORWARD, Capability.TWIN, Capability.LAYERS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String summary() {
        return "simulated memristor crossbars: quantized differential conductance pairs, programming and read noise";
    }

    @Override
    public Set<Capability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public Set<String> blocks() {
        return new LinkedHashSet<>(List.of("crossbar", "sense"));
    }

    @Override
    public List<SettingSpec> settings() {
        return List.of(
                SettingSpec.plain(ArgSpec.number("g_min", 1.0, "lowest programmable conductance (µS)")),
                SettingSpec.plain(ArgSpec.number("g_max", 100.0, "highest programmable conductance (µS)")),
                SettingSpec.plain(ArgSpec.number("program_noise", 0.0,
                        "static relative programming error σ_p: each device holds G(1 + σ_p ξ), drawn once per chip")),
                SettingSpec.plain(ArgSpec.number("read_noise", 0.0,
                        "per-read additive noise σ_r on every output, in weight units")));
    }

    private static double setting(HardwareProfile p, String key, double fallback) {
        Value v = p.settings().get(key);
        if (v == null) return fallback;
        if (v instanceof Value.Num num) return num.base();
        throw new PnnException("crossbar_sim setting '" + key + "' must be a number, got " + v, p.loc(),
                "write e.g. " + key + " = 0.02;");
    }

    @Override
    public Device open(DeviceRequest request) {
        HardwareProfile p = request.profile();
        for (String key : p.settings().keySet())
            if (settings().stream().noneMatch(s -> s.key().equals(key)))
                throw new PnnException("crossbar_sim has no setting '" + key + "' (profile " + p.name() + ")", p.loc(),
                        "settings of crossbar_sim: g_min, g_max, program_noise, read_noise");
        double gMin = setting(p, "g_min", 1.0), gMax = setting(p, "g_max", 100.0);
        double sigmaP = setting(p, "program_noise", 0.0), sigmaR = setting(p, "read_noise", 0.0);
        if (!(gMin >= 0 && gMax > gMin))
            throw new PnnException("crossbar_sim needs 0 <= g_min < g_max, got g_min = " + gMin + ", g_max = " + gMax
                    + " (profile " + p.name() + ")", p.loc(), "for example g_min = 1; g_max = 100;");
        if (!(sigmaP >= 0) || !(sigmaR >= 0))
            throw new PnnException("crossbar_sim noise levels must be >= 0, got program_noise = " + sigmaP
                    + ", read_noise = " + sigmaR + " (profile " + p.name() + ")", p.loc(), "use 0 for a noiseless chip");

        Rng staticErrors = Rng.derived(request.seed(), "static");
        Rng dynamic = Rng.derived(request.seed(), "dynamic");
        List<Kernel> physical = new ArrayList<>(), twin = new ArrayList<>();
        for (Node node : request.graph().nodes()) {
            if (node.isInput()) {
                physical.add(null);
                twin.add(null);
                continue;
            }
            switch (node.op()) {
                case "crossbar" -> {
                    int n = request.graph().node(node.inputs().get(0)).orElseThrow().type().width();
                    int out = node.type().width();
                    boolean bias = node.args().bool("bias", true);
                    int levels = node.args().integer("levels", 32);
                    Conductances cond = new Conductances(gMin, gMax, levels);
                    physical.add(CrossbarKernel.physical(node.paramOffset(), n, out, bias, cond, sigmaP, sigmaR,
                            staticErrors, dynamic));
                    twin.add(CrossbarKernel.twin(node.paramOffset(), n, out, bias));
                }
                case "sense" -> {
                    SenseKernel k = new SenseKernel();
                    physical.add(k);
                    twin.add(k);
                }
                default -> throw new PnnException("backend crossbar_sim cannot run block '" + node.op() + "' (node "
                        + node.id() + ")", node.loc(), "crossbar_sim runs: crossbar, sense");
            }
        }
        return new KernelDevice(request.graph(), p, request.seed(), CAPABILITIES, physical, twin) {
            /** The read-noise stream's position, so a resumed run (pnn train --resume) reads what the straight run would. */
            @Override
            public long[] state() {
                return dynamic.state();
            }

            @Override
            public void restore(long[] state) {
                if (state.length != 0) dynamic.restore(state);
            }
        };
    }
}
