package dev.pnn.runtime.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.ParamSlice;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the final θ that {@code pnn train} wrote to a run folder's {@code params.json}, checked against the graph. */
public final class ParamsFile {
    public static final String NAME = "params.json";

    private ParamsFile() {
    }

    /** @param location a run folder or a params.json file */
    public static double[] read(Path location, Graph graph) {
        Path file = Files.isDirectory(location) ? location.resolve(NAME) : location;
        if (!Files.isRegularFile(file))
            throw new PnnException("no trained parameters at " + file,
                    "--params expects a run folder written by 'pnn train' (it holds params.json)");
        JsonNode doc;
        try {
            doc = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new PnnException("cannot read " + file + ": " + e.getMessage(), "check that the file is the params.json of a run");
        }
        String network = doc.path("network").asText();
        if (!network.equals(graph.name()) || doc.path("paramCount").asInt(-1) != graph.paramCount())
            throw new PnnException(file + " holds parameters of network '" + network + "' (" + doc.path("paramCount").asInt()
                    + " parameters), not of '" + graph.name() + "' (" + graph.paramCount() + ")",
                    "give the run folder of a plan that trains " + graph.name());
        double[] theta = new double[graph.paramCount()];
        for (ParamSlice s : graph.slices()) {
            JsonNode slice = null;
            for (JsonNode n : doc.path("slices")) if (n.path("name").asText().equals(s.name())) slice = n;
            if (slice == null || slice.path("values").size() != s.length())
                throw new PnnException(file + " has no values for slice " + s.name() + " of length " + s.length(),
                        "the network changed since the run; train it again");
            for (int i = 0; i < s.length(); i++) theta[s.offset() + i] = slice.path("values").get(i).asDouble();
        }
        return theta;
    }
}
