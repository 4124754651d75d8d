package dev.pnn.datasets;

import dev.pnn.spi.PnnException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Resolving and opening data files, with errors that name the absolute path. */
final class DataFiles {
    private DataFiles() {
    }

    static Path resolve(String dataset, String argument, String path, Path baseDir) {
        Path p = Path.of(path);
        if (!p.isAbsolute()) p = (baseDir == null ? Path.of("") : baseDir).resolve(p);
        p = p.toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new PnnException(dataset + ": " + argument + " file not found: " + p,
                    "check the path in the plan; relative paths resolve against the .pnn file's directory ("
                            + (baseDir == null ? Path.of("").toAbsolutePath() : baseDir.toAbsolutePath().normalize())
                            + "); the sample data lives in samples/data/");
        }
        return p;
    }

    /** Opens a file, transparently gunzipping it when it starts with the gzip magic bytes. */
    static InputStream open(String dataset, Path p) {
        try {
            InputStream in = new BufferedInputStream(Files.newInputStream(p), 1 << 16);
            in.mark(2);
            int b0 = in.read(), b1 = in.read();
            in.reset();
            return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
        } catch (IOException e) {
            throw new PnnException(dataset + ": cannot read " + p + ": " + e.getMessage(), (dev.pnn.spi.ir.Loc) null,
                    "check that the file is readable and a valid gzip file", e);
        }
    }
}
