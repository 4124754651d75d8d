package dev.pnn.photonic;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.exec.Kernel;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;

/**
 * Builds the kernel of one graph node. Meshes get their static errors from {@link MeshErrors} and their phase
 * map from {@link PhaseMap}; the ideal device passes {@link MeshErrors#ideal} and {@link PhaseMap#IDENTITY}.
 */
final class PhotonicKernels {
    private PhotonicKernels() {
    }

    /** The ideal kernel of {@code node}; null for input nodes. */
    static Kernel ideal(Node node) {
        if (node.isInput()) return null;
        return switch (node.op()) {
            case "clements", "reck" -> {
                MeshLayout layout = layout(node);
                yield new MeshKernel(layout, meshOffset(node, layout), MeshErrors.ideal(layout), PhaseMap.IDENTITY);
            }
            default -> digitalOrConverter(node);
        };
    }

    /** A mesh kernel with the given static errors and phase map (the noise engineer's entry point). */
    static MeshKernel mesh(Node node, MeshErrors errors, PhaseMap phaseMap) {
        MeshLayout layout = layout(node);
        return new MeshKernel(layout, meshOffset(node, layout), errors, phaseMap);
    }

    static MeshLayout layout(Node node) {
        return switch (node.op()) {
            case "clements" -> MeshLayout.clements(node.type().width());
            case "reck" -> MeshLayout.reck(node.type().width());
            default -> throw new IllegalArgumentException(node.op() + " is not a mesh");
        };
    }

    private static int meshOffset(Node node, MeshLayout layout) {
        ParamSlice s = slice(node, "phases");
        if (s.length() != layout.params())
            throw new PnnException("node " + node.id() + " (" + node.op() + ", " + layout.modes() + " modes) needs "
                    + layout.params() + " phases but its slice " + s.name() + " has " + s.length(), node.loc(),
                    "recompile the network: a mesh of N modes has N^2 phases");
        return s.offset();
    }

    static boolean isMesh(Node node) {
        return node.op().equals("clements") || node.op().equals("reck");
    }

    private static Kernel digitalOrConverter(Node node) {
        return switch (node.op()) {
            case "modulate" -> new ModulateKernel(node.args().symbol("mode", "amplitude").equals("phase"));
            case "photodetect" -> new PhotodetectKernel();
            case "take" -> new TakeKernel(node.args().range("indices").from());
            case "gain" -> new GainKernel(offset(node, "gamma"));
            case "linear" -> {
                int n = node.type().width();
                ParamSlice w = slice(node, "weight");
                int in = w.length() / n;
                ParamSlice b = node.params().stream().filter(s -> s.name().endsWith(".bias")).findFirst().orElse(null);
                yield new LinearKernel(w.offset(), b == null ? -1 : b.offset(), in, n);
            }
            case "bias" -> new BiasKernel(offset(node, "b"));
            case "relu" -> new ReluKernel();
            case "tanh" -> new TanhKernel();
            default -> throw new PnnException("backend photonic_sim has no block '" + node.op() + "' (node "
                    + node.id() + ")", node.loc(), "photonic_sim runs: " + String.join(", ", PhotonicSimBackend.BLOCKS));
        };
    }

    private static int offset(Node node, String param) {
        return slice(node, param).offset();
    }

    private static ParamSlice slice(Node node, String param) {
        return node.params().stream().filter(s -> s.name().equals(node.id() + "." + param) || s.name().endsWith("." + param))
                .findFirst().orElseThrow(() -> new PnnException("node " + node.id() + " (" + node.op()
                        + ") has no parameter slice '" + param + "'", node.loc(),
                        "compile the network with the photonics block signatures"));
    }
}
