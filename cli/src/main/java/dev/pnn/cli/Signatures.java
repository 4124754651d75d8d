package dev.pnn.cli;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.ir.ArgSpec;
import dev.pnn.spi.ir.Domain;

import java.util.ArrayList;
import java.util.List;

/** How {@code pnn plugins} writes argument lists and block signatures, in .pnn call syntax. */
final class Signatures {
    private Signatures() {
    }

    static String args(List<ArgSpec> args) {
        List<String> parts = new ArrayList<>();
        for (ArgSpec a : args) parts.add(arg(a));
        return String.join(", ", parts);
    }

    static String call(String name, List<ArgSpec> args) {
        return name + "(" + args(args) + ")";
    }

    static String block(BlockType b) {
        List<String> parts = new ArrayList<>();
        for (Domain d : b.inputs()) parts.add(d.name() + "[n]");
        for (ArgSpec a : b.args()) parts.add(arg(a));
        return b.name() + "(" + String.join(", ", parts) + ") -> " + b.output().name();
    }

    static String arg(ArgSpec a) {
        String type = switch (a.kind()) {
            case INT -> "int";
            case NUMBER -> "number";
            case QUANTITY -> a.dimension().label();
            case BOOL -> "bool";
            case SYMBOL -> a.choices().isEmpty() ? "name" : String.join("|", a.choices());
            case STRING -> "string";
            case RANGE -> "range";
            case LIST -> "list";
            case CALL -> "call";
            case ANY -> "any";
        };
        return a.name() + ": " + type + (a.fallback() == null ? "" : " = " + a.fallback());
    }
}
