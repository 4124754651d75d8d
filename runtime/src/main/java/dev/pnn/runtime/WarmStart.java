package dev.pnn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Node;
import dev.pnn.spi.ir.ParamSlice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code init = params("...")}: starts θ from an earlier run's params.json instead of (part of) the random
 * initialization. A slice whose name and length match is copied; a block that takes a dense matrix
 * ({@link BlockType#fromDense}, e.g. a TT layer) is filled from {@code <id>.weight} of the same node id when this
 * network has no such slice (compressing a trained dense layer); every other slice keeps its random start.
 */
final class WarmStart {
    /** What the warm start did, for summary.json. */
    record Outcome(Path file, List<String> copied, List<String> converted, List<String> kept) {
        String describe() {
            return "started from " + file + ": " + copied.size() + " slice(s) copied"
                   + (converted.isEmpty() ? "" : ", " + String.join(", ", converted))
                   + (kept.isEmpty() ? "" : "; random start kept for " + String.join(", ", kept));
        }

        Map<String, Object> summary() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", file.toString());
            m.put("copied", copied);
            m.put("fromDense", converted);
            m.put("keptRandom", kept);
            return m;
        }
    }

    private WarmStart() {
    }

    static Outcome apply(Graph graph, double[] theta, Path location, Catalog catalog, Loc where) {
        Path file = Files.isDirectory(location) ? location.resolve(RunFolder.PARAMS) : location;
        Map<String, double[]> source = read(file, where);
        List<String> copied = new ArrayList<>(), converted = new ArrayList<>(), kept = new ArrayList<>();
        for (Node node : graph.nodes()) {
            List<String> done = new ArrayList<>();
            String weightName = node.id() + ".weight";
            double[] dense = source.get(weightName);
            boolean hasOwnWeight = node.params().stream().anyMatch(p -> p.name().equals(weightName));
            Optional<BlockType> block = catalog.blocks().find(node.op());
            if (dense != null && !hasOwnWeight && block.isPresent() && !node.inputs().isEmpty()) {
                int rows = node.type().width(), cols = graph.node(node.inputs().get(0)).map(n -> n.type().width()).orElse(-1);
                Optional<Map<String, double[]>> filled = block.get().fromDense(node.args(), dense, rows, cols);
                if (filled.isPresent()) {
                    for (Map.Entry<String, double[]> e : filled.get().entrySet()) {
                        ParamSlice s = slice(node, node.id() + "." + e.getKey(), e.getValue().length, where);
                        System.arraycopy(e.getValue(), 0, theta, s.offset(), s.length());
                        converted.add(s.name() + " <- TT-SVD of " + weightName);
                        done.add(s.name());
                    }
                }
            }
            for (ParamSlice s : node.params()) {
                if (done.contains(s.name())) continue;
                double[] v = source.get(s.name());
                if (v != null && v.length == s.length()) {
                    System.arraycopy(v, 0, theta, s.offset(), s.length());
                    copied.add(s.name());
                } else {
                    kept.add(s.name());
                }
            }
        }
        if (copied.isEmpty() && converted.isEmpty())
            throw new PnnException(file + " shares no parameter slice with network '" + graph.name()
                                   + "' (same name and length, or a dense <id>.weight for a block that takes one)", where,
                    "give the params.json of a run of this network or of one with the same layer names");
        return new Outcome(file, copied, converted, kept);
    }

    private static ParamSlice slice(Node node, String name, int length, Loc where) {
        for (ParamSlice s : node.params())
            if (s.name().equals(name) && s.length() == length) return s;
        throw new PnnException("block '" + node.op() + "' returned parameters '" + name + "' (" + length
                               + " values) that node " + node.id() + " does not have", where,
                "this is a bug in the plugin that defines " + node.op());
    }

    private static Map<String, double[]> read(Path file, Loc where) {
        if (!Files.isRegularFile(file))
            throw new PnnException("init: no parameters at " + file, where,
                    "train the source plan first (its run folder holds params.json), or fix the path; it is relative "
                    + "to the .pnn file");
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new PnnException("init: cannot read " + file + ": " + e.getMessage(), where,
                    "give a params.json written by 'pnn train'");
        }
        Map<String, double[]> slices = new LinkedHashMap<>();
        for (JsonNode s : doc.path("slices")) {
            JsonNode values = s.path("values");
            double[] v = new double[values.size()];
            for (int i = 0; i < v.length; i++) v[i] = values.get(i).asDouble();
            slices.put(s.path("name").asText(), v);
        }
        if (slices.isEmpty())
            throw new PnnException("init: " + file + " holds no parameter slices", where, "give a params.json written by 'pnn train'");
        return slices;
    }
}
