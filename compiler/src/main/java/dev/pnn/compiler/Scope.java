package dev.pnn.compiler;

import dev.pnn.dsl.ast.Item;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.ir.Domain;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** What names mean in one file: used modules, declared networks and profiles (local first, then modules'). */
final class Scope {
    static final String CORE = "core";

    final Catalog catalog;
    final String sourceName;
    final Set<String> usedModules = new LinkedHashSet<>();
    /** Every network declared in the file (even ones with errors, so plans do not cascade "unknown network"). */
    final Map<String, Item.Network> declaredNetworks = new LinkedHashMap<>();
    final Map<String, Graph> graphs = new LinkedHashMap<>();
    final Map<String, Item.Hardware> declaredProfiles = new LinkedHashMap<>();
    final Map<String, HardwareProfile> profiles = new LinkedHashMap<>();
    /** Profiles from used modules, by name, with the module they come from. */
    final Map<String, ModuleProfile> moduleProfiles = new LinkedHashMap<>();

    record ModuleProfile(String module, HardwareProfile profile, String unavailableReason) {
    }

    Scope(Catalog catalog, String sourceName) {
        this.catalog = catalog;
        this.sourceName = sourceName;
    }

    Optional<BlockType> visibleBlock(String name) {
        return catalog.blocks().find(name).filter(b -> CORE.equals(b.module()) || usedModules.contains(b.module()));
    }

    Set<String> visibleBlockNames() {
        Set<String> out = new LinkedHashSet<>();
        for (BlockType b : catalog.blocks().all())
            if (CORE.equals(b.module()) || usedModules.contains(b.module())) out.add(b.name());
        return out;
    }

    Set<String> blockModules() {
        Set<String> out = new LinkedHashSet<>();
        out.add(CORE);
        for (BlockType b : catalog.blocks().all()) out.add(b.module());
        return out;
    }

    /** Domains that appear in type annotations: the two built-in ones and any a loaded block mentions. */
    Map<String, Domain> domains() {
        Map<String, Domain> out = new LinkedHashMap<>();
        out.put(Domain.REAL.name(), Domain.REAL);
        out.put(Domain.FIELD.name(), Domain.FIELD);
        for (BlockType b : catalog.blocks().all()) {
            for (Domain d : b.inputs()) out.putIfAbsent(d.name(), d);
            out.putIfAbsent(b.output().name(), b.output());
        }
        return out;
    }

    Set<String> profileNames() {
        Set<String> out = new LinkedHashSet<>(declaredProfiles.keySet());
        out.addAll(moduleProfiles.keySet());
        return out;
    }

    /** A usable profile by name: local first, then from a used module. */
    Optional<HardwareProfile> profile(String name) {
        if (profiles.containsKey(name)) return Optional.of(profiles.get(name));
        if (declaredProfiles.containsKey(name)) return Optional.empty();
        ModuleProfile mp = moduleProfiles.get(name);
        return mp == null ? Optional.empty() : Optional.ofNullable(mp.profile());
    }
}
