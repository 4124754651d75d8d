package dev.pnn.datasets;

import dev.pnn.spi.PnnException;
import dev.pnn.spi.data.DataSplit;
import dev.pnn.spi.data.DatasetFactory;
import dev.pnn.spi.data.Examples;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Dimension;
import dev.pnn.spi.ir.Unit;
import dev.pnn.spi.ir.Value;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code mnist(images: "...", labels: "...", size: 28, test: 20%, seed: 0, limit: 0, stratify: true)}: IDX
 * images and labels (gzip or raw), optionally reduced to the first {@code limit} images, resized to
 * size×size by {@link AreaDownsample area averaging}, scaled to [0, 1] by /255, then split by seed. A
 * positional path is taken as {@code images}.
 */
final class MnistFactory implements DatasetFactory {
    static final String DEFAULT_IMAGES = "data/mnist10k-images-idx3-ubyte.gz";
    static final String DEFAULT_LABELS = "data/mnist10k-labels-idx1-ubyte.gz";
    static final int CLASSES = 10;

    @Override
    public String name() {
        return "mnist";
    }

    @Override
    public String summary() {
        return "MNIST-format digits (IDX images + labels), area-downsampled to size×size, scaled to [0, 1]";
    }

    @Override
    public List<ArgSpec> args() {
        return List.of(
                ArgSpec.string("path", "", "images file (same as images:)"),
                ArgSpec.string("images", DEFAULT_IMAGES, "IDX images file, relative to the .pnn file"),
                ArgSpec.string("labels", DEFAULT_LABELS, "IDX labels file, relative to the .pnn file"),
                ArgSpec.integer("size", 28, "output side length; area averaging when smaller than the source"),
                ArgSpec.quantity("test", Dimension.FRACTION, new Value.Num(20, Unit.PERCENT), "share held out for testing"),
                ArgSpec.integer("seed", 0, "seed of the split"),
                ArgSpec.integer("limit", 0, "use only the first N images (0 = all)"),
                ArgSpec.bool("stratify", true, "keep each class's share equal in train and test"));
    }

    @Override
    public DataSplit load(Args args, Path baseDir) {
        String imagesArg = args.has("path") && !args.string("path").isEmpty() ? args.string("path")
                : args.has("images") ? args.string("images") : DEFAULT_IMAGES;
        Path images = DataFiles.resolve(name(), "images", imagesArg, baseDir);
        Path labels = DataFiles.resolve(name(), "labels", args.has("labels") ? args.string("labels") : DEFAULT_LABELS, baseDir);
        int size = args.integer("size", 28);
        int limit = args.integer("limit", 0);
        if (limit < 0) throw new PnnException("mnist: limit must be ≥ 0 (0 = all), got " + limit, "e.g. limit: 2000");
        double f = SeededSplit.fraction(name(), args.number("test", 0.2));
        Examples all = read(images, labels, size, limit);
        return SeededSplit.split(all, f, (long) args.number("seed", 0), args.bool("stratify", true));
    }

    static Examples read(Path imagesFile, Path labelsFile, int size, int limit) {
        IdxReader.Images img = IdxReader.images(imagesFile);
        byte[] lab = IdxReader.labels(labelsFile);
        if (lab.length != img.count()) {
            throw new PnnException("mnist: " + imagesFile + " holds " + img.count() + " images but " + labelsFile
                    + " holds " + lab.length + " labels", "use the labels file that belongs to the images file");
        }
        if (size < 1 || size > Math.min(img.rows(), img.cols())) {
            throw new PnnException("mnist: size " + size + " is outside 1.." + Math.min(img.rows(), img.cols())
                    + " (the images are " + img.rows() + "×" + img.cols() + "; only downsampling is supported)",
                    "e.g. size: 14");
        }
        int n = limit == 0 ? img.count() : Math.min(limit, img.count());
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int l = lab[i] & 0xFF;
            if (l >= CLASSES) {
                throw new PnnException("mnist: " + labelsFile + " at byte offset " + (8 + i)
                        + " (decompressed): label " + l + " is outside 0..9", "use an MNIST labels file");
            }
            labels[i] = l;
        }
        int width = size * size;
        int pixels = img.rows() * img.cols();
        double[] x = new double[n * width];
        AreaDownsample down = new AreaDownsample(img.rows(), img.cols(), size);
        double[] scratch = new double[down.scratchSize()];
        for (int i = 0; i < n; i++) down.apply(img.pixels(), i * pixels, 255.0, x, i * width, scratch);
        return new Examples(x, width, labels, CLASSES, null, 0);
    }
}
