package dev.pnn.noise;

import dev.pnn.spi.ir.Args;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import dev.pnn.spi.noise.NoiseModelFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds models through the plugin's factories, as a profile would. */
final class NoiseTestSupport {
    private NoiseTestSupport() {
    }

    static NoiseModelFactory factory(String name) {
        return new StandardNoisePlugin().noiseModels().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** Named args with the factory's defaults filled in (the compiler's job in real runs). */
    static NoiseModel create(String name, Object... kv) {
        NoiseModelFactory f = factory(name);
        Map<String, Value> m = new LinkedHashMap<>();
        f.args().forEach(a -> {
            if (a.fallback() != null) m.put(a.name(), a.fallback());
        });
        for (int i = 0; i < kv.length; i += 2) {
            Object v = kv[i + 1];
            m.put((String) kv[i], v instanceof Value val ? val
                    : v instanceof String s ? new Value.Sym(s) : new Value.Num(((Number) v).doubleValue()));
        }
        return f.create(new Args(name, m));
    }
}
