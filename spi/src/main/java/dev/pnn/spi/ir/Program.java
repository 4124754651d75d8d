package dev.pnn.spi.ir;

import java.util.List;
import java.util.Optional;

/** The whole compiled .pnn file: networks, hardware profiles and training plans. */
public record Program(List<Graph> graphs, List<HardwareProfile> profiles, List<TrainingPlan> plans) {
    public Program {
        graphs = List.copyOf(graphs);
        profiles = List.copyOf(profiles);
        plans = List.copyOf(plans);
    }

    public Optional<Graph> graph(String name) {
        return graphs.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    public Optional<HardwareProfile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public Optional<TrainingPlan> plan(String name) {
        return plans.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
