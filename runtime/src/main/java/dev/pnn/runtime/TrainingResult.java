package dev.pnn.runtime;

import dev.pnn.spi.PnnException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a session ended.
 *
 * @param epochsCompleted epochs done in total (including those before a resume)
 * @param history         metrics of the epochs run in this session
 * @param stopped         why training stopped early (non-finite loss or gradient); empty when it completed
 * @param params          final parameters (the last good checkpoint's when stopped)
 * @param scores          the trainer's own scores of the final parameters ({@code Trainer.finalScores}), by name
 * @param warmStart       what {@code init = params(...)} did, in one line (empty without init or when resumed)
 */
public record TrainingResult(Path runDir, String plan, int epochsCompleted, List<EpochMetrics> history,
                             Optional<PnnException> stopped, double[] params, java.util.Map<String, Double> scores,
                             Optional<String> warmStart) {
    public TrainingResult {
        history = List.copyOf(history);
        scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }

    public boolean completed() {
        return stopped.isEmpty();
    }

    public Optional<EpochMetrics> last() {
        return history.isEmpty() ? Optional.empty() : Optional.of(history.get(history.size() - 1));
    }
}
