package dev.pnn.spi.device;

import dev.pnn.spi.ir.ArgSpec;

import java.util.List;

/**
 * A key a hardware profile may set for a backend ({@code phase_error = gaussian(sigma: 0.05 rad)}). When
 * {@code noiseRoles} is non-empty the value must be noise models (a call or a sum of calls) whose factories
 * accept one of those roles; otherwise it is checked against {@code value}.
 */
public record SettingSpec(String key, ArgSpec value, List<String> noiseRoles, String doc) {
    public SettingSpec {
        noiseRoles = List.copyOf(noiseRoles);
    }

    public static SettingSpec noise(String key, List<String> roles, String doc) {
        return new SettingSpec(key, ArgSpec.call(key, null, doc), roles, doc);
    }

    public static SettingSpec plain(ArgSpec value) {
        return new SettingSpec(value.name(), value, List.of(), value.doc());
    }

    public boolean isNoise() {
        return !noiseRoles.isEmpty();
    }
}
