package dev.pnn.dsl.ast;

import dev.pnn.dsl.Span;

import java.util.List;
import java.util.Optional;

/** A top-level declaration. */
public sealed interface Item {
    Span span();

    /** {@code use photonics;} */
    record Use(Ident module, Span span) implements Item {
    }

    /** {@code network Name { ... }} */
    record Network(Ident name, List<Stmt> body, Span span) implements Item {
        public Network {
            body = List.copyOf(body);
        }
    }

    /** {@code hardware name = backend;} ({@code hasBody} false) or {@code hardware name = backend { k = v; }}. */
    record Hardware(Ident name, Ident backend, List<Setting> settings, boolean hasBody, Span span) implements Item {
        public Hardware {
            settings = List.copyOf(settings);
        }
    }

    /** {@code train Network [as plan] { k = v; }}; the plan's name is the alias, else the network's. */
    record Train(Ident network, Optional<Ident> alias, List<Setting> entries, Span span) implements Item {
        public Train {
            entries = List.copyOf(entries);
        }

        public Ident planName() {
            return alias.orElse(network);
        }
    }
}
