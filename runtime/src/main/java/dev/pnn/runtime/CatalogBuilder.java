package dev.pnn.runtime;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.Named;
import dev.pnn.spi.Registry;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects started plugins' contributions into registries keyed by name. When two plugins claim one name the
 * first keeps it and a conflict naming both sources is recorded.
 */
final class CatalogBuilder {
    private final List<PluginProblem> problems;
    private final List<PluginInfo> plugins = new ArrayList<>();
    private final Map<String, PluginInfo> byName = new LinkedHashMap<>();
    private final Kind<dev.pnn.spi.block.BlockType> blocks = new Kind<>("block");
    private final Kind<dev.pnn.spi.device.Backend> backends = new Kind<>("backend");
    private final Kind<dev.pnn.spi.train.TrainerFactory> trainers = new Kind<>("trainer");
    private final Kind<dev.pnn.spi.train.OptimizerFactory> optimizers = new Kind<>("optimizer");
    private final Kind<dev.pnn.spi.train.LossFactory> losses = new Kind<>("loss");
    private final Kind<dev.pnn.spi.data.DatasetFactory> datasets = new Kind<>("dataset");
    private final Kind<dev.pnn.spi.noise.NoiseModelFactory> noiseModels = new Kind<>("noise model");

    CatalogBuilder(List<PluginProblem> problems) {
        this.problems = problems;
    }

    void add(PluginInfo info, Contributions c) {
        PluginInfo same = byName.get(info.name());
        if (same != null) {
            problems.add(new PluginProblem(PluginProblem.Kind.CONFLICT, info.source(),
                    "two plugins are named '" + info.name() + "': " + same.source() + " and " + info.source(),
                    "remove one of them from the plugin folder"));
            return;
        }
        byName.put(info.name(), info);
        plugins.add(info);
        blocks.addAll(c.blocks(), info);
        backends.addAll(c.backends(), info);
        trainers.addAll(c.trainers(), info);
        optimizers.addAll(c.optimizers(), info);
        losses.addAll(c.losses(), info);
        datasets.addAll(c.datasets(), info);
        noiseModels.addAll(c.noiseModels(), info);
    }

    List<PluginInfo> plugins() {
        return plugins;
    }

    Catalog build() {
        return new Catalog(blocks.registry(), backends.registry(), trainers.registry(), optimizers.registry(),
                losses.registry(), datasets.registry(), noiseModels.registry());
    }

    private final class Kind<T extends Named> {
        private final String kind;
        private final Map<String, Registry.Entry<T>> entries = new LinkedHashMap<>();

        Kind(String kind) {
            this.kind = kind;
        }

        void addAll(List<T> items, PluginInfo from) {
            for (T item : items) {
                Registry.Entry<T> existing = entries.get(item.name());
                if (existing != null) {
                    problems.add(new PluginProblem(PluginProblem.Kind.CONFLICT, from.source(),
                            "two plugins provide the " + kind + " '" + item.name() + "': " + existing.source()
                            + " and " + from.source(),
                            "remove one of the two plugins (only one may own a name); '" + item.name()
                            + "' stays with " + existing.source() + " for now"));
                } else {
                    entries.put(item.name(), new Registry.Entry<>(item, from.source()));
                }
            }
        }

        Registry<T> registry() {
            return new Registry<>(kind, entries);
        }
    }
}
