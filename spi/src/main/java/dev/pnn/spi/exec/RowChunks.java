package dev.pnn.spi.exec;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.IntConsumer;

/**
 * Runs work over a batch in fixed chunks of rows, in parallel on one shared pool of daemon threads. Chunks
 * depend only on the row count and the chunk size, never on the number of threads, so a kernel that reduces
 * per-chunk partial results in chunk order is bit-identical for any thread count (ALGORITHMS.md §1).
 *
 * <p>The pool size is {@code -Dpnn.threads=N} (default: available processors). Chunks run inline when there is
 * one chunk or one thread, so small batches pay nothing.
 */
public final class RowChunks {
    private static final int THREADS = Math.max(1, Integer.getInteger("pnn.threads",
            Runtime.getRuntime().availableProcessors()));
    private static final ForkJoinPool POOL = THREADS == 1 ? null : new ForkJoinPool(THREADS, pool -> {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
        t.setDaemon(true);
        t.setName("pnn-rows-" + t.getPoolIndex());
        return t;
    }, null, false);

    private RowChunks() {
    }

    /** Threads used for chunked work. */
    public static int threads() {
        return THREADS;
    }

    /** Number of chunks of {@code chunk} rows covering {@code rows} rows. */
    public static int count(int rows, int chunk) {
        return (rows + chunk - 1) / chunk;
    }

    /** First row of chunk {@code c}. */
    public static int start(int c, int chunk) {
        return c * chunk;
    }

    /** One past the last row of chunk {@code c}. */
    public static int end(int c, int chunk, int rows) {
        return Math.min(rows, (c + 1) * chunk);
    }

    /** Calls {@code body.accept(c)} for every chunk c in [0, chunks), possibly in parallel; returns when all are done. */
    public static void forEach(int chunks, IntConsumer body) {
        if (chunks <= 1 || POOL == null) {
            for (int c = 0; c < chunks; c++) body.accept(c);
            return;
        }
        if (Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == POOL) {
            // already inside a chunk: nested parallelism would only add overhead
            for (int c = 0; c < chunks; c++) body.accept(c);
            return;
        }
        // one contiguous group of chunks per thread, and the caller runs the first group itself: exactly THREADS
        // threads are busy (not THREADS + an idle caller), and a two-chunk batch costs one hand-off, not two
        int groups = Math.min(THREADS, chunks);
        ForkJoinTask<?>[] others = new ForkJoinTask<?>[groups - 1];
        for (int g = 1; g < groups; g++) {
            int from = (int) ((long) g * chunks / groups), to = (int) ((long) (g + 1) * chunks / groups);
            others[g - 1] = POOL.submit(() -> {
                for (int c = from; c < to; c++) body.accept(c);
            });
        }
        try {
            for (int c = 0, to = chunks / groups; c < to; c++) body.accept(c);
        } finally {
            // never return (or throw) while another thread still writes into the caller's buffers
            for (ForkJoinTask<?> t : others) t.quietlyJoin();
        }
        for (ForkJoinTask<?> t : others) t.join();
    }
}
