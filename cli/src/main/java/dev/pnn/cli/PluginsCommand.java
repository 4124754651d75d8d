package dev.pnn.cli;

import dev.pnn.runtime.PluginInfo;
import dev.pnn.runtime.PluginManager;
import dev.pnn.runtime.PluginProblem;
import dev.pnn.spi.Capability;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.Named;
import dev.pnn.spi.Registry;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.io.PrintStream;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code pnn plugins}: what is installed, where each piece comes from, and what it offers or needs. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = "List plugins and what they contribute: backends (capabilities, blocks), blocks, trainers "
                      + "(required capabilities), optimizers, losses, datasets and noise models.",
        footerHeading = "%nExamples:%n",
        footer = {"  ./pnn plugins", "  ./pnn --plugins ./my-plugins plugins"})
final class PluginsCommand implements Callable<Integer> {
    @ParentCommand
    private RootCommand root;

    @Override
    public Integer call() {
        PluginManager pm = root.plugins(false);
        PrintStream out = root.out();
        Catalog c = pm.catalog();

        out.println("plugins:");
        for (PluginInfo p : pm.plugins())
            out.printf("  %-22s %-10s %s%n", p.name(), p.version(),
                    p.location().map(Object::toString).orElse("classpath"));
        if (pm.plugins().isEmpty()) out.println("  (none)");

        section(out, "backends", c.backends(), b -> List.of("capabilities: " + caps(b.capabilities()),
                "blocks: " + String.join(", ", new TreeSet<>(b.blocks()))));
        section(out, "blocks", c.blocks(), b -> List.of(Signatures.block(b) + "   (module " + b.module() + ")"));
        section(out, "trainers", c.trainers(), t -> withArgs(t.args(), "requires: " + caps(t.requires()) + " ("
                                                                        + t.kind().name().toLowerCase().replace('_', ' ') + ")"));
        section(out, "optimizers", c.optimizers(), o -> List.of(Signatures.call(o.name(), o.args())));
        section(out, "losses", c.losses(), l -> withArgs(l.args(), l.needsLabels() ? "needs class labels" : "real targets"));
        section(out, "datasets", c.datasets(), d -> List.of(Signatures.call(d.name(), d.args())));
        section(out, "noise models", c.noiseModels(), n -> List.of(Signatures.call(n.name(), n.args()),
                "roles: " + String.join(", ", new TreeSet<>(n.roles()))));

        if (!pm.problems().isEmpty()) {
            out.println();
            ErrorReport report = new ErrorReport(root.err(), root.debug());
            for (PluginProblem p : pm.problems())
                report.print(new dev.pnn.spi.PnnException(p.what(), p.hint()));
            return ExitCode.BAD_INPUT;
        }
        return ExitCode.OK;
    }

    private static List<String> withArgs(List<dev.pnn.spi.ir.ArgSpec> args, String first) {
        return args.isEmpty() ? List.of(first) : List.of(first, "args: " + Signatures.args(args));
    }

    private static String caps(Set<Capability> caps) {
        return caps.isEmpty() ? "(nothing)" : caps.stream().map(Capability::id).sorted().collect(Collectors.joining(", "));
    }

    private static <T extends Named> void section(PrintStream out, String title, Registry<T> registry,
                                                  Function<T, List<String>> details) {
        out.println();
        out.println(title + ":");
        Collection<String> names = new TreeSet<>(registry.names());
        if (names.isEmpty()) out.println("  (none)");
        String indent = " ".repeat(20);
        for (String name : names) {
            T item = registry.find(name).orElseThrow();
            out.printf("  %-17s from %s%n", name, registry.sourceOf(name).orElse("?"));
            if (!item.summary().isBlank()) out.println(indent + item.summary());
            for (String line : details.apply(item)) out.println(indent + line);
        }
    }
}
