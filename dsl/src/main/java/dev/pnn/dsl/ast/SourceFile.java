package dev.pnn.dsl.ast;

import java.util.List;

/** A parsed .pnn file, items in source order. */
public record SourceFile(List<Item> items) {
    public SourceFile {
        items = List.copyOf(items);
    }

    public List<Item.Use> uses() {
        return items.stream().filter(Item.Use.class::isInstance).map(Item.Use.class::cast).toList();
    }

    public List<Item.Network> networks() {
        return items.stream().filter(Item.Network.class::isInstance).map(Item.Network.class::cast).toList();
    }

    public List<Item.Hardware> hardware() {
        return items.stream().filter(Item.Hardware.class::isInstance).map(Item.Hardware.class::cast).toList();
    }

    public List<Item.Train> plans() {
        return items.stream().filter(Item.Train.class::isInstance).map(Item.Train.class::cast).toList();
    }
}
