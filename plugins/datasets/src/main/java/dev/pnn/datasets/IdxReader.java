package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Loc;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Reads IDX files (LeCun's MNIST format; gzip or raw): big-endian int32 magic {@code 0x00000803} (unsigned bytes,
 * 3 dimensions) for images or {@code 0x00000801} for labels, then the dimension sizes, then the bytes. The
 * header is validated and the file must hold exactly the bytes it announces.
 */
final class IdxReader {
    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    /** Anything larger is not an image this reader should hold in memory; catches corrupted headers early. */
    private static final long MAX_BYTES = 1L << 31;

    record Images(int count, int rows, int cols, byte[] pixels) {
    }

    private IdxReader() {
    }

    static Images images(Path file) {
        try (DataInputStream in = new DataInputStream(DataFiles.open("mnist", file))) {
            int magic = header(file, in, 0, "magic number");
            if (magic != IMAGES_MAGIC) {
                throw bad(file, 0, String.format("magic number is 0x%08X, expected 0x%08X (IDX unsigned-byte images, 3 dimensions)",
                        magic, IMAGES_MAGIC) + (magic == LABELS_MAGIC ? "; this looks like a labels file" : ""));
            }
            int count = header(file, in, 4, "image count");
            int rows = header(file, in, 8, "row count");
            int cols = header(file, in, 12, "column count");
            if (count <= 0 || rows <= 0 || cols <= 0 || (long) count * rows * cols >= MAX_BYTES) {
                throw bad(file, 4, "header announces " + count + " images of " + rows + "×" + cols + ", which is not a valid size");
            }
            byte[] pixels = new byte[count * rows * cols];
            readFully(file, in, pixels, 16);
            expectEnd(file, in, 16L + pixels.length);
            return new Images(count, rows, cols, pixels);
        } catch (IOException e) {
            throw new PnnException("mnist: cannot read " + file + ": " + e.getMessage(), Loc.NONE,
                    "check that the file is a complete IDX file (gzip or raw)", e);
        }
    }

    static byte[] labels(Path file) {
        try (DataInputStream in = new DataInputStream(DataFiles.open("mnist", file))) {
            int magic = header(file, in, 0, "magic number");
            if (magic != LABELS_MAGIC) {
                throw bad(file, 0, String.format("magic number is 0x%08X, expected 0x%08X (IDX unsigned-byte labels, 1 dimension)",
                        magic, LABELS_MAGIC) + (magic == IMAGES_MAGIC ? "; this looks like an images file" : ""));
            }
            int count = header(file, in, 4, "label count");
            if (count <= 0) throw bad(file, 4, "header announces " + count + " labels");
            byte[] labels = new byte[count];
            readFully(file, in, labels, 8);
            expectEnd(file, in, 8L + count);
            return labels;
        } catch (IOException e) {
            throw new PnnException("mnist: cannot read " + file + ": " + e.getMessage(), Loc.NONE,
                    "check that the file is a complete IDX file (gzip or raw)", e);
        }
    }

    private static int header(Path file, DataInputStream in, long offset, String what) throws IOException {
        try {
            return in.readInt();
        } catch (EOFException e) {
            throw bad(file, offset, "file ends inside the header, where the " + what + " should be");
        }
    }

    private static void readFully(Path file, DataInputStream in, byte[] into, long start) throws IOException {
        int got = 0;
        while (got < into.length) {
            int k = in.read(into, got, into.length - got);
            if (k < 0) {
                throw bad(file, start + got, "file ends at byte " + (start + got) + " but the header announces "
                        + (start + into.length) + " bytes (truncated)");
            }
            got += k;
        }
    }

    private static void expectEnd(Path file, InputStream in, long end) throws IOException {
        if (in.read() >= 0) {
            throw bad(file, end, "file has data after byte " + end + ", where the header says it ends");
        }
    }

    private static PnnException bad(Path file, long offset, String what) {
        return new PnnException("mnist: " + file + " at byte offset " + offset + " (decompressed): " + what,
                "use IDX files as published for MNIST (images magic 2051, labels magic 2049), e.g. samples/data/mnist10k-*.gz");
    }
}
