package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.Examples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MnistTest {
    static byte[] idxImages(int magic, int count, int rows, int cols, byte[] pixels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        d.writeInt(count);
        d.writeInt(rows);
        d.writeInt(cols);
        d.write(pixels);
        return b.toByteArray();
    }

    static byte[] idxLabels(int magic, int count, byte[] labels) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        d.writeInt(count);
        d.write(labels);
        return b.toByteArray();
    }

    static Path gz(Path dir, String name, byte[] content) throws IOException {
        Path f = dir.resolve(name);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(f))) {
            o.write(content);
        }
        return f;
    }

    @Test
    void readsATinyGeneratedIdxPair(@TempDir Path dir) throws IOException {
        byte[] px = new byte[3 * 4 * 4];
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 5);
        px[5] = (byte) 255; // unsigned: must read as 255, not −1
        Path images = gz(dir, "i.gz", idxImages(2051, 3, 4, 4, px));
        Path labels = gz(dir, "l.gz", idxLabels(2049, 3, new byte[]{7, 0, 9}));
        Examples e = MnistFactory.read(images, labels, 4, 0);
        assertEquals(3, e.size());
        assertEquals(16, e.width());
        assertArrayEquals(new int[]{7, 0, 9}, e.labels());
        assertEquals(1.0, e.x()[5]);
        assertEquals(10 / 255.0, e.x()[2]);
        // raw (not gzipped) IDX is accepted too
        Path raw = dir.resolve("raw");
        Files.write(raw, idxImages(2051, 3, 4, 4, px));
        assertArrayEquals(e.x(), MnistFactory.read(raw, labels, 4, 0).x(), 0.0);
        assertEquals(2, MnistFactory.read(images, labels, 4, 2).size(), "limit keeps the first N");
    }

    @Test
    void headerChecks(@TempDir Path dir) throws IOException {
        Path labels = gz(dir, "l.gz", idxLabels(2049, 2, new byte[]{1, 2}));
        byte[] px = new byte[2 * 2 * 2];
        expect(dir, gz(dir, "a.gz", idxImages(2049, 2, 2, 2, px)), labels, "offset 0", "looks like a labels file");
        expect(dir, gz(dir, "b.gz", idxImages(0x0803 | 0x0100, 2, 2, 2, px)), labels, "offset 0", "magic number");
        expect(dir, gz(dir, "c.gz", idxImages(2051, 3, 2, 2, px)), labels, "offset 24", "truncated");
        expect(dir, gz(dir, "d.gz", Arrays.copyOf(idxImages(2051, 2, 2, 2, px), 10)), labels, "offset 8", "header");
        expect(dir, gz(dir, "e.gz", idxImages(2051, -1, 2, 2, new byte[0])), labels, "offset 4", "not a valid size");
        byte[] extra = Arrays.copyOf(idxImages(2051, 2, 2, 2, px), 16 + 8 + 1);
        expect(dir, gz(dir, "f.gz", extra), labels, "offset 24", "after byte 24");
        Path images = gz(dir, "ok.gz", idxImages(2051, 2, 2, 2, px));
        expect(dir, images, gz(dir, "g.gz", idxLabels(2051, 2, new byte[]{1, 2})), "offset 0", "looks like an images file");
        expect(dir, images, gz(dir, "h.gz", idxLabels(2049, 3, new byte[]{1, 2, 3})), "", "3 labels");
        expect(dir, images, gz(dir, "i.gz", idxLabels(2049, 2, new byte[]{1, 12})), "offset 9", "label 12");
    }

    private static void expect(Path dir, Path images, Path labels, String where, String what) {
        PnnException e = assertThrows(PnnException.class, () -> MnistFactory.read(images, labels, 2, 0));
        assertTrue(e.getMessage().contains(where) && e.getMessage().contains(what), e.getMessage());
        assertTrue(e.getMessage().contains(dir.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void downsamplingIsExactOnAConstructedImage() {
        // 4×4 → 2×2: plain block means
        byte[] img = new byte[16];
        for (int i = 0; i < 16; i++) img[i] = (byte) (i * 10);
        double[] out = new double[4];
        AreaDownsample d = new AreaDownsample(4, 4, 2);
        d.apply(img, 0, 1.0, out, 0, new double[d.scratchSize()]);
        // block (0,0) = {0,10,40,50} → 25; (0,1) = {20,30,60,70} → 45; (1,0) = {80,90,120,130} → 105; (1,1) → 125
        assertArrayEquals(new double[]{25, 45, 105, 125}, out, 1e-12);

        // 3×3 → 2×2: each output covers 1.5×1.5 source pixels, weights 1 and ½ per axis (area 2.25)
        byte[] p = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        AreaDownsample e = new AreaDownsample(3, 3, 2);
        double[] o = new double[4];
        e.apply(p, 0, 1.0, o, 0, new double[e.scratchSize()]);
        double o00 = (1 * 1 + 0.5 * 2 + 0.5 * 4 + 0.25 * 5) / 2.25;
        double o01 = (0.5 * 2 + 1 * 3 + 0.25 * 5 + 0.5 * 6) / 2.25;
        double o10 = (0.5 * 4 + 0.25 * 5 + 1 * 7 + 0.5 * 8) / 2.25;
        double o11 = (0.25 * 5 + 0.5 * 6 + 0.5 * 8 + 1 * 9) / 2.25;
        assertArrayEquals(new double[]{o00, o01, o10, o11}, o, 1e-12);
        // the mean is preserved: (1+…+9)/9 = 5
        assertEquals(5.0, Arrays.stream(o).average().orElseThrow(), 1e-12);

        // 28 → 10 on a random image: mean preserved, identity at 28
        byte[] big = new byte[28 * 28];
        long s = 12345;
        double sum = 0;
        for (int i = 0; i < big.length; i++) {
            s = s * 6364136223846793005L + 1442695040888963407L;
            big[i] = (byte) (s >>> 56);
            sum += big[i] & 0xFF;
        }
        AreaDownsample t = new AreaDownsample(28, 28, 10);
        double[] ten = new double[100];
        t.apply(big, 0, 1.0, ten, 0, new double[t.scratchSize()]);
        assertEquals(sum / 784, Arrays.stream(ten).average().orElseThrow(), 1e-9);
        AreaDownsample id = new AreaDownsample(28, 28, 28);
        double[] same = new double[784];
        id.apply(big, 0, 1.0, same, 0, new double[id.scratchSize()]);
        for (int i = 0; i < 784; i++) assertEquals(big[i] & 0xFF, same[i], 0.0);
    }

    @Test
    void loadsTheTenThousandSampleDigits() {
        DataSplit s = new MnistFactory().load(Digits8x8Test.args("images", "mnist10k-images-idx3-ubyte.gz",
                "labels", "mnist10k-labels-idx1-ubyte.gz", "size", 14, "seed", 3), Digits8x8Test.SAMPLES);
        assertEquals(10_000, s.train().size() + s.test().size());
        assertEquals(2_000, s.test().size());
        assertEquals(196, s.train().width());
        // per-class counts from PROVENANCE.md
        int[] expected = {1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978};
        int[] train = Digits8x8Test.count(s.train()), test = Digits8x8Test.count(s.test());
        for (int c = 0; c < 10; c++) assertEquals(expected[c], train[c] + test[c], "class " + c);
        for (double v : s.train().x()) assertTrue(v >= 0 && v <= 1);
    }

    @Test
    void fullResolutionMatchesTheFileBytes() {
        Path dir = Digits8x8Test.SAMPLES;
        Examples e = MnistFactory.read(dir.resolve("mnist10k-images-idx3-ubyte.gz"),
                dir.resolve("mnist10k-labels-idx1-ubyte.gz"), 28, 0);
        assertEquals(10_000, e.size());
        assertArrayEquals(new int[]{1, 9, 4, 1, 6, 6, 5, 4, 4, 5, 9, 3, 2, 8, 5, 9, 9, 1, 6, 1},
                Arrays.copyOf(e.labels(), 20), "first 20 labels (PROVENANCE.md)");
        // pixel mean 33.44 on 0..255 (PROVENANCE.md)
        double mean = Arrays.stream(e.x()).average().orElseThrow() * 255;
        assertEquals(33.44, mean, 0.005);
    }

    @Test
    void missingMnistFileNamesThePath(@TempDir Path dir) {
        PnnException e = assertThrows(PnnException.class, () -> new MnistFactory().load(Digits8x8Test.args(), dir));
        assertTrue(e.getMessage().contains(dir.resolve(MnistFactory.DEFAULT_IMAGES).toString()), e.getMessage());
    }

    @Test
    void sizeAboveTheSourceIsRefused() {
        Path dir = Digits8x8Test.SAMPLES;
        PnnException e = assertThrows(PnnException.class, () -> MnistFactory.read(dir.resolve("mnist10k-images-idx3-ubyte.gz"),
                dir.resolve("mnist10k-labels-idx1-ubyte.gz"), 29, 0));
        assertTrue(e.getMessage().contains("size 29"), e.getMessage());
    }
}
