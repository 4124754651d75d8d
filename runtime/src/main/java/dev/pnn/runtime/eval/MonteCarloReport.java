package dev.pnn.runtime.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.HardwareProfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The §15 report row for one profile: per-instance scores, their distribution, the ideal-device accuracy, queries
 * and wall time, plus λ_max when it was asked for. Written as {@code summary.json} and printed as a table.
 */
public record MonteCarloReport(String profile, String settings, int devices, long evalSeed, int threads,
                               List<MonteCarlo.Instance> instances, Distribution accuracy, Distribution loss,
                               double idealAccuracy, double idealLoss, long queries, double wallSeconds,
                               Sharpness.Result sharpness) {

    static MonteCarloReport of(HardwareProfile profile, MonteCarlo.Config config, List<MonteCarlo.Instance> results,
                               MonteCarlo.Instance ideal, double seconds) {
        double[] acc = results.stream().mapToDouble(MonteCarlo.Instance::accuracy).toArray();
        double[] loss = results.stream().mapToDouble(MonteCarlo.Instance::loss).toArray();
        long queries = results.stream().mapToLong(MonteCarlo.Instance::queries).sum() + ideal.queries();
        return new MonteCarloReport(profile.name(), profile.settings().toString(), config.devices(),
                config.evalSeed(), config.threads(), List.copyOf(results),
                Distribution.of(acc, config.evalSeed()), Distribution.of(loss, config.evalSeed()),
                ideal.accuracy(), ideal.loss(), queries, seconds, null);
    }

    public MonteCarloReport withSharpness(Sharpness.Result s) {
        return new MonteCarloReport(profile, settings, devices, evalSeed, threads, instances, accuracy, loss,
                idealAccuracy, idealLoss, queries, wallSeconds, s);
    }

    /** Human-readable table; accuracies in percent. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Monte Carlo on '%s' %s: %d devices, eval seed %d, %d threads, %.3f s%n",
                profile, settings, devices, evalSeed, threads, wallSeconds));
        sb.append(String.format(Locale.ROOT, "%-10s %8s %8s %8s %8s %8s %8s %19s%n",
                "metric", "mean", "std", "min", "p5", "median", "max", "95% CI of mean"));
        row(sb, "accuracy%", accuracy, 100);
        row(sb, "loss", loss, 1);
        sb.append(String.format(Locale.ROOT, "ideal device: accuracy %.2f%%, loss %.4f; forward queries %d%n",
                100 * idealAccuracy, idealLoss, queries));
        if (sharpness != null)
            sb.append(String.format(Locale.ROOT, "sharpness λmax = %.6g (%d samples, %d iterations%s)%n",
                    sharpness.lambdaMax(), sharpness.samples(), sharpness.iterations(),
                    sharpness.converged() ? "" : ", not converged"));
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Distribution d, double f) {
        sb.append(String.format(Locale.ROOT, "%-10s %8.2f %8.2f %8.2f %8.2f %8.2f %8.2f   [%7.2f, %7.2f]%n", name,
                f * d.mean(), f * d.std(), f * d.min(), f * d.p5(), f * d.median(), f * d.max(), f * d.ciLow(),
                f * d.ciHigh()));
    }

    /** Writes {@code summary.json} into {@code dir} (created if needed); returns the file. */
    public Path write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("summary.json");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("kind", "monte_carlo");
            json.put("report", this);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), json);
            return file;
        } catch (IOException e) {
            throw new PnnException("cannot write summary.json into " + dir + ": " + e.getMessage(),
                    "check that the directory is writable");
        }
    }
}
