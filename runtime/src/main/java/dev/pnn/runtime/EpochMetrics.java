package dev.pnn.runtime;

import java.util.Map;

/**
 * What one epoch measured. Losses and accuracies are NaN where they do not apply (accuracy of a regression).
 *
 * @param epoch            1-based epoch number
 * @param trainLoss        mean loss the trainer reported over the epoch's batches (parameters moving)
 * @param trainAccuracy    accuracy on the whole training set at the end of the epoch (evaluation device)
 * @param testLoss         loss on the test set at the end of the epoch (evaluation device)
 * @param testAccuracy     accuracy on the test set at the end of the epoch
 * @param samplesPerSecond training samples per second of training time (evaluation excluded)
 * @param epochSeconds     wall time of the epoch, training and evaluation
 * @param wallSeconds      wall time since the session started
 * @param learningRate     the optimizer's learning rate during the epoch (NaN for update trainers)
 * @param trainQueries     physical queries of the training device (and twin), cumulative, by kind
 * @param evalQueries      queries of the evaluation device, cumulative
 */
public record EpochMetrics(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy,
                           double samplesPerSecond, double epochSeconds, double wallSeconds, double learningRate,
                           Map<String, Long> trainQueries, long evalQueries) {
    public EpochMetrics {
        trainQueries = Map.copyOf(trainQueries);
    }
}
