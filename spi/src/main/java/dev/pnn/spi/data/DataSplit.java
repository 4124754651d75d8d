package dev.pnn.spi.data;

/** Training and test examples, split by a seed. */
public record DataSplit(Examples train, Examples test) {
}
