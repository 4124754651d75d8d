package dev.pnn.cli;

import dev.pnn.runtime.EpochMetrics;
import dev.pnn.runtime.RunInfo;
import dev.pnn.runtime.TrainingListener;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Shows training progress: a progress bar over all batches (epoch, loss, accuracy, samples/s) on an interactive
 * console; one line per epoch otherwise (logs, pipes, tests), so output stays readable in files.
 */
final class TrainingProgress implements TrainingListener, AutoCloseable {
    private final PrintStream lines;
    private final PrintStream barStream;
    private ProgressBar bar;
    private int batchesPerEpoch;
    private int firstEpoch;
    private EpochMetrics last;

    private TrainingProgress(PrintStream lines, PrintStream barStream) {
        this.lines = lines;
        this.barStream = barStream;
    }

    static TrainingProgress forConsole(PrintStream out, PrintStream err) {
        boolean interactive = System.console() != null && out == System.out;
        return new TrainingProgress(out, interactive ? err : null);
    }

    @Override
    public void started(RunInfo run, int firstEpoch) {
        this.batchesPerEpoch = run.batchesPerEpoch();
        this.firstEpoch = firstEpoch;
        if (barStream != null && firstEpoch <= run.epochs()) {
            long total = (long) (run.epochs() - firstEpoch + 1) * batchesPerEpoch;
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200)
                    .setConsumer(new ConsoleProgressBarConsumer(barStream, 110)).build();
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d", firstEpoch));
        }
    }

    @Override
    public void batchDone(int epoch, int batch, int batches, double loss) {
        if (bar == null) return;
        bar.stepTo((long) (epoch - firstEpoch) * batchesPerEpoch + batch);
        bar.setExtraMessage(message(epoch, loss));
    }

    private String message(int epoch, double loss) {
        if (last == null) return String.format(Locale.ROOT, "epoch %d loss %.4f", epoch, loss);
        return String.format(Locale.ROOT, "epoch %d loss %.4f acc %.3f %.0f samples/s", epoch, loss,
                last.testAccuracy(), last.samplesPerSecond());
    }

    @Override
    public void epochDone(EpochMetrics m) {
        last = m;
        if (bar != null) {
            bar.setExtraMessage(String.format(Locale.ROOT, "epoch %d loss %.4f acc %.3f %.0f samples/s", m.epoch(),
                    m.trainLoss(), m.testAccuracy(), m.samplesPerSecond()));
        } else {
            lines.printf(Locale.ROOT, "epoch %3d  loss %.4f  train acc %.4f  test loss %.4f  test acc %.4f  %,.0f samples/s  %.2f s%n",
                    m.epoch(), m.trainLoss(), m.trainAccuracy(), m.testLoss(), m.testAccuracy(), m.samplesPerSecond(),
                    m.epochSeconds());
        }
    }

    @Override
    public void close() {
        if (bar != null) bar.close();
    }
}
