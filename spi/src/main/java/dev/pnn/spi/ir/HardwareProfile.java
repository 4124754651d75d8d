package dev.pnn.spi.ir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code hardware lab_chip = photonic_sim { phase_error = gaussian(sigma: 0.05 rad); ... }}: a backend plus
 * settings that override its defaults. A profile with no settings is the backend's ideal device.
 */
public record HardwareProfile(String name, String backend, Map<String, Value> settings, Loc loc) {
    public HardwareProfile {
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    public HardwareProfile with(String key, Value value) {
        Map<String, Value> s = new LinkedHashMap<>(settings);
        s.put(key, value);
        return new HardwareProfile(name, backend, s, loc);
    }
}
