package dev.pnn.runtime;

import java.nio.file.Path;

/** What a prepared session is about to do. */
public record RunInfo(String plan, String network, String profile, String backend, String trainer,
                      int epochs, int batch, int trainSize, int testSize, int batchesPerEpoch, int paramCount,
                      long seed, Path runDir) {
}
