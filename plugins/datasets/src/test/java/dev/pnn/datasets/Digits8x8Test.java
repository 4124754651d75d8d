package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Digits8x8Test {
    /** The repository's copy, relative to this module (surefire runs with the module as working directory). */
    static final Path SAMPLES = Path.of("../../samples/data").toAbsolutePath().normalize();

    static Args args(Object... kv) {
        Map<String, Value> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            Value val = v instanceof String s ? new Value.Str(s) : v instanceof Boolean b ? new Value.Bool(b)
                    : v instanceof Value vv ? vv : new Value.Num(((Number) v).doubleValue());
            m.put((String) kv[i], val);
        }
        return new Args("dataset", m);
    }

    @Test
    void loadsTheSampleFileAndSplits1437To360() {
        DataSplit s = new Digits8x8Factory().load(args("path", "digits8x8.csv.gz", "test", new Value.Num(20, Unit.PERCENT),
                "seed", 1), SAMPLES);
        assertEquals(1437, s.train().size());
        assertEquals(360, s.test().size());
        assertEquals(64, s.train().width());
        assertEquals(10, s.train().classes());
        double max = Arrays.stream(s.train().x()).max().orElseThrow();
        double min = Arrays.stream(s.train().x()).min().orElseThrow();
        assertEquals(1.0, max);
        assertEquals(0.0, min);
        // every value is k/16 exactly
        for (double v : s.test().x()) assertEquals(Math.rint(v * 16) / 16, v, 0.0);
        // class counts (PROVENANCE.md): 178, 182, 177, 183, 181, 182, 181, 179, 174, 180; stratified at 20 %
        int[] all = {178, 182, 177, 183, 181, 182, 181, 179, 174, 180};
        int[] test = count(s.test());
        int[] train = count(s.train());
        for (int c = 0; c < 10; c++) {
            assertEquals(all[c], test[c] + train[c]);
            assertTrue(Math.abs(test[c] - 0.2 * all[c]) < 1, "class " + c + ": " + test[c] + " of " + all[c]);
        }
    }

    @Test
    void unscaledFeaturesAreTheRawCounts() {
        Examples e = Digits8x8Factory.read(SAMPLES.resolve("digits8x8.csv.gz"), false);
        assertEquals(1797, e.size());
        // first line of the file: 0,0,5,13,9,1,0,0,... label 0
        assertArrayEquals(new double[]{0, 0, 5, 13, 9, 1, 0, 0}, Arrays.copyOf(e.x(), 8), 0.0);
        assertEquals(0, e.labels()[0]);
        assertEquals(1, e.labels()[1]);
        assertEquals(2, e.labels()[2]);
    }

    static int[] count(Examples e) {
        int[] c = new int[e.classes()];
        for (int l : e.labels()) c[l]++;
        return c;
    }

    @Test
    void missingFileNamesTheAbsolutePath(@TempDir Path dir) {
        PnnException e = assertThrows(PnnException.class,
                () -> new Digits8x8Factory().load(args("path", "nope/digits.csv.gz"), dir));
        assertTrue(e.getMessage().contains(dir.resolve("nope/digits.csv.gz").toAbsolutePath().toString()), e.getMessage());
        assertTrue(e.hint().contains("relative paths resolve"), e.hint());
    }

    @Test
    void malformedLinesNameFileAndLine(@TempDir Path dir) throws IOException {
        String good = "0,".repeat(64) + "3\n";
        assertMalformed(dir, good + good + "1,2,3\n", "line 3", "65");
        assertMalformed(dir, good + "0,".repeat(63) + "17,3\n", "line 2", "feature 63 is 17");
        assertMalformed(dir, "0,".repeat(64) + "10\n", "line 1", "label is 10");
        assertMalformed(dir, "x," + "0,".repeat(63) + "1\n", "line 1", "'x'");
    }

    private static void assertMalformed(Path dir, String content, String where, String what) throws IOException {
        Path f = dir.resolve("bad.csv.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(content.getBytes(StandardCharsets.US_ASCII));
        }
        PnnException e = assertThrows(PnnException.class, () -> new Digits8x8Factory().load(args("path", "bad.csv.gz"), dir));
        assertTrue(e.getMessage().contains(f.toString()) && e.getMessage().contains(where)
                && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void truncatedGzipIsAClearError(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(SAMPLES.resolve("digits8x8.csv.gz"));
        Path f = dir.resolve("cut.csv.gz");
        Files.write(f, Arrays.copyOf(whole, whole.length / 2));
        PnnException e = assertThrows(PnnException.class, () -> new Digits8x8Factory().load(args("path", "cut.csv.gz"), dir));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
    }

    @Test
    void plainCsvIsReadToo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("d.csv"), "16,".repeat(64) + "9\n" + "0,".repeat(64) + "0\n");
        Examples e = Digits8x8Factory.read(dir.resolve("d.csv"), true);
        assertEquals(2, e.size());
        assertEquals(1.0, e.x()[0]);
        assertEquals(9, e.labels()[0]);
    }

    @Test
    void badTestFractionIsRefused() {
        PnnException e = assertThrows(PnnException.class,
                () -> new Digits8x8Factory().load(args("path", "digits8x8.csv.gz", "test", 20), SAMPLES));
        assertTrue(e.getMessage().contains("fraction"), e.getMessage());
    }
}
