package dev.pnn.runtime.eval;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Program;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Runs a plan's own {@code evaluate = monte_carlo(profile, devices: M, seed: S)} entry on trained parameters and
 * writes {@code runDir/eval-<profile>/summary.json}: the one call a training loop needs to honour the entry.
 */
public final class PlanEvaluation {
    public static final int THREADS = 2;

    private PlanEvaluation() {
    }

    /** Empty when the plan has no Monte Carlo entry. */
    public static Optional<MonteCarloReport> afterTraining(Catalog catalog, Program program, String plan, Path baseDir,
                                                           double[] theta, Path runDir) {
        PlanSetup setup = PlanSetup.of(catalog, program, Optional.of(plan), baseDir);
        Optional<PlanSetup.MonteCarloEntry> entry = setup.monteCarloEntry();
        if (entry.isEmpty()) return Optional.empty();
        HardwareProfile profile = setup.profile(entry.get().profile());
        MonteCarloReport report = setup.monteCarlo(profile).run(profile, theta,
                new MonteCarlo.Config(entry.get().devices(), entry.get().seed(), THREADS));
        report.write(runDir.resolve("eval-" + profile.name()));
        return Optional.of(report);
    }
}
