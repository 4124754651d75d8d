package dev.pnn.backprop;

import dev.pnn.spi.Rng;
import dev.pnn.spi.data.Batch;
import dev.pnn.spi.exec.Tensor;
import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;

import java.util.LinkedHashMap;
import java.util.Map;

final class Fixtures {
    private Fixtures() {
    }

    static Tensor logits(Rng rng, int rows, int k, double scale) {
        Tensor t = Tensor.real(rows, k);
        for (int i = 0; i < rows * k; i++) t.re[i] = scale * rng.nextGaussian();
        return t;
    }

    static Batch labelled(Rng rng, int rows, int width, int classes) {
        Batch b = Batch.allocate(rows, width, true, 0);
        for (int i = 0; i < rows * width; i++) b.inputs().re[i] = rng.nextGaussian();
        for (int i = 0; i < rows; i++) b.labels()[i] = rng.nextInt(classes);
        return b;
    }

    static Batch withTargets(Rng rng, int rows, int width, int targetWidth) {
        Batch b = Batch.allocate(rows, width, false, targetWidth);
        for (int i = 0; i < rows * width; i++) b.inputs().re[i] = rng.nextGaussian();
        for (int i = 0; i < rows * targetWidth; i++) b.targets().re[i] = rng.nextGaussian();
        return b;
    }

    /** Args as the compiler would pass them; numbers become {@link Value.Num}, booleans {@link Value.Bool}. */
    static Args args(String owner, Object... kv) {
        Map<String, Value> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Boolean b ? new Value.Bool(b) : new Value.Num(((Number) v).doubleValue()));
        }
        return new Args(owner, m);
    }
}
