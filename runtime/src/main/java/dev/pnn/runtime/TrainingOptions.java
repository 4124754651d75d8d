package dev.pnn.runtime;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How to run a plan: which plan, an epoch override, where relative data paths resolve, where the run folder goes
 * and whether to resume an earlier run.
 *
 * @param plan     the plan's name; empty picks the only plan of the program
 * @param epochs   overrides the plan's {@code epochs} (the total, counting epochs already done when resuming)
 * @param baseDir  directory of the .pnn file: relative data paths resolve against it
 * @param runsDir  where default run folders are made ({@code runs/<plan>-<yyyyMMdd-HHmmss>/})
 * @param out      an explicit run folder; empty for the default one (or the resumed folder)
 * @param resume   a run folder whose last checkpoint to continue from
 * @param versions versions to record in {@code summary.json} (pnn, plugins)
 */
public record TrainingOptions(Optional<String> plan, OptionalInt epochs, Path baseDir, Path runsDir,
                              Optional<Path> out, Optional<Path> resume, Map<String, String> versions) {
    public TrainingOptions {
        versions = Map.copyOf(versions);
    }

    public static TrainingOptions of(Path baseDir) {
        return new TrainingOptions(Optional.empty(), OptionalInt.empty(), baseDir, Path.of("runs"), Optional.empty(),
                Optional.empty(), Map.of());
    }

    public TrainingOptions withPlan(String name) {
        return new TrainingOptions(Optional.of(name), epochs, baseDir, runsDir, out, resume, versions);
    }

    public TrainingOptions withEpochs(int n) {
        return new TrainingOptions(plan, OptionalInt.of(n), baseDir, runsDir, out, resume, versions);
    }

    public TrainingOptions withRunsDir(Path dir) {
        return new TrainingOptions(plan, epochs, baseDir, dir, out, resume, versions);
    }

    public TrainingOptions withOut(Path dir) {
        return new TrainingOptions(plan, epochs, baseDir, runsDir, Optional.of(dir), resume, versions);
    }

    public TrainingOptions withResume(Path dir) {
        return new TrainingOptions(plan, epochs, baseDir, runsDir, out, Optional.of(dir), versions);
    }

    public TrainingOptions withVersions(Map<String, String> v) {
        return new TrainingOptions(plan, epochs, baseDir, runsDir, out, resume, v);
    }
}
