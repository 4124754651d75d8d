package dev.pnn.spi.exec;

/**
 * What {@link KernelDevice} keeps in each {@link Tape} scratch slot: the working memory of every kernel that ran
 * this node on this tape, made on first use. A tape recorded by a physical pass can thus be handed to a twin's
 * {@code backwardAt} (physics-aware training) even when the twin's kernel differs from the physical one.
 */
final class NodeScratch {
    private final int capacity;
    private Kernel[] owners = new Kernel[2];
    private Object[] scratch = new Object[2];
    private int size;
    /** The kernel whose recording forward last ran on this node of the tape; null after an inference pass. */
    Kernel recordedBy;

    NodeScratch(int capacity) {
        this.capacity = capacity;
    }

    Object of(Kernel kernel) {
        for (int i = 0; i < size; i++) if (owners[i] == kernel) return scratch[i];
        if (size == owners.length) {
            owners = java.util.Arrays.copyOf(owners, size * 2);
            scratch = java.util.Arrays.copyOf(scratch, size * 2);
        }
        owners[size] = kernel;
        scratch[size] = kernel.newScratch(capacity);
        return scratch[size++];
    }
}
