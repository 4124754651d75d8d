package dev.pnn.datasets;

import dev.pnn.spi.PnnPlugin;
import dev.pnn.spi.data.DatasetFactory;

import java.util.List;

/** Readers for the two handwritten-digit sets shipped in {@code samples/data}: digits8x8 and an MNIST subset. */
public final class DatasetsPlugin implements PnnPlugin {
    @Override
    public String name() {
        return "datasets";
    }

    @Override
    public List<DatasetFactory> datasets() {
        return List.of(new Digits8x8Factory(), new MnistFactory());
    }
}
