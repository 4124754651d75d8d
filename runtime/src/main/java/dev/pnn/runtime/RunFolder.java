package dev.pnn.runtime;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.ParamSlice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of one run: {@code metrics.csv} (one row per epoch), {@code checkpoints/epoch-NNNN.json} (the last
 * {@value #KEEP_CHECKPOINTS} kept), {@code params.json} (final θ by slice) and {@code summary.json}. Files are
 * written to a temporary name and moved into place, so a crash never leaves a half-written checkpoint.
 */
final class RunFolder {
    static final int KEEP_CHECKPOINTS = 3;
    static final String METRICS = "metrics.csv", PARAMS = "params.json", SUMMARY = "summary.json",
            CHECKPOINTS = "checkpoints";
    static final String METRICS_HEADER = "epoch,train_loss,train_acc,test_loss,test_acc,samples_per_s,epoch_s,"
                                         + "wall_s,lr,train_queries,train_queries_by_kind,eval_queries";

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** A new run folder; refuses one that already holds a run, which would mix two runs' files. */
    static RunFolder create(Path dir) {
        if (Files.exists(dir.resolve(METRICS)) || Files.isDirectory(dir.resolve(CHECKPOINTS)))
            throw new PnnException("run folder " + dir + " already holds a run",
                    "choose another --out folder, or continue that run with --resume " + dir);
        try {
            Files.createDirectories(dir.resolve(CHECKPOINTS));
        } catch (IOException e) {
            throw new PnnException("cannot create run folder " + dir + ": " + e.getMessage(),
                    "check the path and its permissions");
        }
        return new RunFolder(dir);
    }

    /** An existing run folder to resume. */
    static RunFolder existing(Path dir) {
        if (!Files.isDirectory(dir.resolve(CHECKPOINTS)))
            throw new PnnException("no run to resume in " + dir + " (no " + CHECKPOINTS + "/ folder)",
                    "--resume expects a run folder written by 'pnn train', such as runs/<plan>-<time>/");
        return new RunFolder(dir);
    }

    Path dir() {
        return dir;
    }

    Optional<Checkpoint> latestCheckpoint() {
        List<Path> all = checkpointFiles();
        if (all.isEmpty()) return Optional.empty();
        Path last = all.get(all.size() - 1);
        try {
            Checkpoint c = JSON.readValue(last.toFile(), Checkpoint.class);
            if (!Checkpoint.FORMAT.equals(c.format()))
                throw new PnnException("checkpoint " + last + " has format '" + c.format() + "', expected '"
                                       + Checkpoint.FORMAT + "'", "it was written by another pnn version");
            return Optional.of(c);
        } catch (IOException e) {
            throw new PnnException("cannot read checkpoint " + last + ": " + e.getMessage(),
                    "the file is damaged; delete it to resume from the one before");
        }
    }

    void writeCheckpoint(Checkpoint c) {
        writeJson(dir.resolve(CHECKPOINTS).resolve(String.format(Locale.ROOT, "epoch-%04d.json", c.epoch())), c);
        List<Path> all = checkpointFiles();
        for (int i = 0; i < all.size() - KEEP_CHECKPOINTS; i++) {
            try {
                Files.deleteIfExists(all.get(i));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private List<Path> checkpointFiles() {
        try (Stream<Path> s = Files.list(dir.resolve(CHECKPOINTS))) {
            return s.filter(p -> p.getFileName().toString().matches("epoch-\\d+\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void appendMetrics(EpochMetrics m) {
        Path f = dir.resolve(METRICS);
        StringBuilder row = new StringBuilder();
        if (!Files.exists(f)) row.append(METRICS_HEADER).append('\n');
        long total = m.trainQueries().values().stream().mapToLong(Long::longValue).sum();
        List<String> kinds = new ArrayList<>();
        m.trainQueries().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> kinds.add(e.getKey() + "=" + e.getValue()));
        row.append(m.epoch()).append(',').append(num(m.trainLoss())).append(',').append(num(m.trainAccuracy()))
                .append(',').append(num(m.testLoss())).append(',').append(num(m.testAccuracy()))
                .append(',').append(num(m.samplesPerSecond())).append(',').append(num(m.epochSeconds()))
                .append(',').append(num(m.wallSeconds())).append(',').append(num(m.learningRate()))
                .append(',').append(total).append(',').append(String.join(";", kinds))
                .append(',').append(m.evalQueries()).append('\n');
        try {
            Files.writeString(f, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new PnnException("cannot write " + f + ": " + e.getMessage(), "check free disk space and permissions");
        }
    }

    void writeParams(Graph graph, double[] theta) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("network", graph.name());
        doc.put("paramCount", theta.length);
        List<Map<String, Object>> slices = new ArrayList<>();
        for (ParamSlice s : graph.slices()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("offset", s.offset());
            m.put("shape", s.shape());
            m.put("unit", s.unit() == null ? null : s.unit().symbol());
            double[] v = new double[s.length()];
            System.arraycopy(theta, s.offset(), v, 0, s.length());
            m.put("values", v);
            slices.add(m);
        }
        doc.put("slices", slices);
        writeJson(dir.resolve(PARAMS), doc);
    }

    void writeSummary(Map<String, Object> summary) {
        writeJson(dir.resolve(SUMMARY), summary);
    }

    private void writeJson(Path target, Object value) {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        try {
            JSON.writeValue(tmp.toFile(), value);
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new PnnException("cannot write " + target + ": " + e.getMessage(),
                    "check free disk space and permissions");
        }
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "";
        return Double.toString(v);
    }
}
