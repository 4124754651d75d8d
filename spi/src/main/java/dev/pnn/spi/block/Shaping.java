package dev.pnn.spi.block;

import dev.pnn.spi.ir.ParamSpec;

import java.util.List;

/** Result of {@link BlockType#shape}: either the output width with parameters, or a located complaint. */
public sealed interface Shaping {
    record Ok(int width, List<ParamSpec> params) implements Shaping {
        public Ok {
            params = List.copyOf(params);
        }

        public static Ok of(int width, ParamSpec... params) {
            return new Ok(width, List.of(params));
        }
    }

    /**
     * @param message  says what is wrong, naming both shapes when shapes disagree
     * @param argument the named argument to point at, or null to point at the inputs
     */
    record Mismatch(String message, String argument) implements Shaping {
    }
}
