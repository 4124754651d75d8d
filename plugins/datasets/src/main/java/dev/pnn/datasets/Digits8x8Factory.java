package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * {@code digits8x8(path, test: 20%, seed: 0, scale: true, stratify: true)}: the UCI/scikit-learn 8×8 digits,
 * one CSV line per image, 64 cell counts 0..16 (row-major) then the label 0..9; gzip or plain text. With
 * {@code scale} the features are divided by 16 into [0, 1].
 */
final class Digits8x8Factory implements DatasetFactory {
    static final int FEATURES = 64;
    static final int CLASSES = 10;

    @Override
    public String name() {
        return "digits8x8";
    }

    @Override
    public String summary() {
        return "8x8 handwritten digits (csv.gz: 64 features 0..16, label), 10 classes, seeded stratified split";
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(
                ArgSpec.string("path", null, "the .csv.gz file, relative to the .pnn file"),
                ArgSpec.quantity("test", dev.pnn.spi.ir.Dimension.FRACTION, new Value.Num(20, Unit.PERCENT),
                        "share held out for testing (e.g. 20%)"),
                ArgSpec.integer("seed", 0, "seed of the split"),
                ArgSpec.bool("scale", true, "divide features by 16 into [0, 1]"),
                ArgSpec.bool("stratify", true, "keep each class's share equal in train and test"));
    }

    @Override
    public DataSplit load(Args args, Path baseDir) {
        Path file = DataFiles.resolve(name(), "path", args.string("path"), baseDir);
        Examples all = read(file, args.bool("scale", true));
        double f = SeededSplit.fraction(name(), args.number("test", 0.2));
        return SeededSplit.split(all, f, (long) args.number("seed", 0), args.bool("stratify", true));
    }

    static Examples read(Path file, boolean scale) {
        double[] x = new double[2048 * FEATURES];
        int[] labels = new int[2048];
        int n = 0;
        try (InputStream in = DataFiles.open("digits8x8", file);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                if (n == labels.length) {
                    labels = Arrays.copyOf(labels, 2 * n);
                    x = Arrays.copyOf(x, 2 * n * FEATURES);
                }
                parseLine(file, lineNo, line, x, n * FEATURES, labels, n, scale);
                n++;
            }
        } catch (IOException e) {
            throw new PnnException("digits8x8: cannot read " + file + ": " + e.getMessage(), Loc.NONE,
                    "check that the file is a complete gzip file (re-copy it from samples/data/)", e);
        }
        if (n == 0) {
            throw new PnnException("digits8x8: " + file + " holds no examples",
                    "expected lines of 64 features and a label, comma-separated");
        }
        return new Examples(Arrays.copyOf(x, n * FEATURES), FEATURES, Arrays.copyOf(labels, n), CLASSES, null, 0);
    }

    private static void parseLine(Path file, int lineNo, String line, double[] x, int at, int[] labels, int row,
                                  boolean scale) {
        String[] cells = line.trim().split(",", -1);
        if (cells.length != FEATURES + 1) {
            throw malformed(file, lineNo, "has " + cells.length + " comma-separated values, expected 65 (64 features, then the label)");
        }
        for (int j = 0; j <= FEATURES; j++) {
            int v;
            try {
                v = Integer.parseInt(cells[j].trim());
            } catch (NumberFormatException e) {
                throw malformed(file, lineNo, "column " + (j + 1) + " is '" + cells[j] + "', not an integer");
            }
            if (j < FEATURES) {
                if (v < 0 || v > 16) throw malformed(file, lineNo, "feature " + j + " is " + v + ", outside 0..16");
                x[at + j] = scale ? v / 16.0 : v;
            } else {
                if (v < 0 || v >= CLASSES) throw malformed(file, lineNo, "label is " + v + ", outside 0..9");
                labels[row] = v;
            }
        }
    }

    private static PnnException malformed(Path file, int line, String what) {
        return new PnnException("digits8x8: " + file + " line " + line + " " + what,
                "the file must hold lines 'f0,...,f63,label' of integers (features 0..16, label 0..9)");
    }
}
