package dev.pnn.cli;

import dev.pnn.runtime.EpochMetrics;
import dev.pnn.runtime.TrainingResult;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The table {@code pnn train} prints at the end: about ten evenly spaced epochs plus the last, then totals. */
final class ResultTable {
    private ResultTable() {
    }

    static void print(PrintStream o, TrainingResult r) {
        List<EpochMetrics> h = r.history();
        o.println();
        if (!h.isEmpty()) {
            o.println(" epoch | train loss | train acc | test loss | test acc | samples/s | epoch s");
            o.println("-------+------------+-----------+-----------+----------+-----------+--------");
            int step = Math.max(1, (h.size() + 9) / 10);
            List<EpochMetrics> rows = new ArrayList<>();
            for (int i = 0; i < h.size(); i += step) rows.add(h.get(i));
            if (rows.get(rows.size() - 1) != h.get(h.size() - 1)) rows.add(h.get(h.size() - 1));
            for (EpochMetrics m : rows)
                o.printf(Locale.ROOT, " %5d | %10s | %9s | %9s | %8s | %9.0f | %6.3f%n", m.epoch(), f(m.trainLoss(), 4),
                        f(m.trainAccuracy(), 4), f(m.testLoss(), 4), f(m.testAccuracy(), 4), m.samplesPerSecond(),
                        m.epochSeconds());
            EpochMetrics last = h.get(h.size() - 1);
            double meanEpoch = h.stream().mapToDouble(EpochMetrics::epochSeconds).average().orElse(Double.NaN);
            if (Double.isNaN(last.testAccuracy()) && Double.isNaN(last.testLoss()))   // no test set (a PDE plan)
                o.printf(Locale.ROOT, "%ntrained %d epoch%s (%.3f s per epoch, %.1f s in all)%n",
                        r.epochsCompleted(), r.epochsCompleted() == 1 ? "" : "s", meanEpoch, last.wallSeconds());
            else
                o.printf(Locale.ROOT, "%nfinal test accuracy %s, test loss %s after %d epochs (%.3f s per epoch, %.1f s in all)%n",
                        f(last.testAccuracy(), 4), f(last.testLoss(), 4), r.epochsCompleted(), meanEpoch, last.wallSeconds());
            r.warmStart().ifPresent(w -> o.println("init: " + w));
            r.scores().forEach((name, v) -> o.printf(Locale.ROOT, "%s: %.4g%n", name.replace('_', ' '), v));
            o.println("device queries: " + queries(last.trainQueries()) + "; evaluation queries: " + last.evalQueries());
        } else {
            o.println("no epochs were run in this session (" + r.epochsCompleted() + " done in all)");
        }
        o.println("run folder: " + r.runDir());
    }

    private static String queries(Map<String, Long> q) {
        if (q.isEmpty()) return "none";
        return q.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> String.format(Locale.ROOT, "%s %,d", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    private static String f(double v, int digits) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%." + digits + "f", v);
    }
}
