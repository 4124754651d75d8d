package dev.pnn.spi.exec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class RowChunksProperties {

    @Property(tries = 200)
    void everyChunkRunsExactlyOnceBeforeForEachReturns(@ForAll @IntRange(min = 0, max = 64) int chunks) {
        AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(1, chunks));
        RowChunks.forEach(chunks, c -> {
            busyWork(c);
            runs.incrementAndGet(c);
        });
        for (int c = 0; c < chunks; c++) assertEquals(1, runs.get(c), "chunk " + c + " of " + chunks);
    }

    @Property(tries = 100)
    void chunkBoundsTileTheRows(@ForAll @IntRange(min = 0, max = 5000) int rows, @ForAll @IntRange(min = 1, max = 700) int chunk) {
        int n = RowChunks.count(rows, chunk), next = 0;
        for (int c = 0; c < n; c++) {
            assertEquals(next, RowChunks.start(c, chunk));
            next = RowChunks.end(c, chunk, rows);
            assertTrue(next > RowChunks.start(c, chunk));
        }
        assertEquals(rows, next);
    }

    /**
     * A failing chunk is reported, and only once no other chunk is still running (chunks after the failure in the
     * same thread's group are skipped, which is fine: the call failed).
     */
    @Test
    void aFailureSurfacesOnlyWhenNoChunkIsStillRunning() throws InterruptedException {
        for (int failing : new int[]{0, 3, 7}) {
            AtomicInteger done = new AtomicInteger();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> RowChunks.forEach(8, c -> {
                if (c == failing) throw new IllegalStateException("chunk " + c);
                busyWork(c);
                done.incrementAndGet();
            }));
            assertTrue(e.getMessage().contains("chunk " + failing), e.getMessage());
            int atReturn = done.get();
            Thread.sleep(50);
            assertEquals(atReturn, done.get(), "a chunk was still running when forEach returned");
        }
    }

    private static void busyWork(int c) {
        double x = c;
        for (int i = 0; i < 20_000; i++) x = Math.sin(x) + 1;
        if (x == 42) System.out.print("");   // keeps the loop from being removed
    }
}
