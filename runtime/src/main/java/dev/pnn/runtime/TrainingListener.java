package dev.pnn.runtime;

/** Progress callbacks of a training session (the CLI draws a progress bar from them). All optional. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() {
    };

    /** Before the first epoch of this session; {@code firstEpoch} is 1-based (greater than 1 on resume). */
    default void started(RunInfo run, int firstEpoch) {
    }

    /** After each training batch of 1-based {@code epoch}. */
    default void batchDone(int epoch, int batch, int batches, double loss) {
    }

    default void epochDone(EpochMetrics metrics) {
    }
}
