package dev.pnn.testkit;

import dev.pnn.spi.block.BlockType;
import dev.pnn.spi.device.Backend;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Value;
import dev.pnn.spi.noise.NoiseModel;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

import java.util.List;
import java.util.Map;

/**
 * What every backend must satisfy. Implement it in a test class, supply {@link #backend()} and
 * {@link #blockTypes()}, and the properties below run for every block the backend offers (jqwik contract
 * interface: the default {@code @Property} methods are inherited).
 *
 * <pre>{@code
 * class CrossbarBackendTest implements BackendContract {
 *     public Backend backend() { return new CrossbarPlugin().backends().get(0); }
 *     public List<BlockType> blockTypes() { return new CrossbarPlugin().blocks(); }
 * }
 * }</pre>
 *
 * <p>Each property draws one {@link BlockCase} (a small graph around one block, see {@link BlockCases}) and one
 * seed; θ, the batch and the output weights come from the seed, so a failure shrinks to the simplest case and a
 * small seed, and its message prints θ and the batch. Override {@link #blockCases()} to hand-make graphs for
 * blocks whose arguments the generic builder cannot guess, and {@link #profiles()} to also check noisy profiles.
 */
public interface BackendContract {
    /** The backend under test (a fresh instance is fine). */
    Backend backend();

    /** The block signatures the backend's blocks have (usually {@code plugin.blocks()}). */
    List<BlockType> blockTypes();

    /** Arguments for required block arguments without a generic value (see {@link BlockCases#build}). */
    default Map<String, Value> requiredArgs(String block) {
        return Map.of();
    }

    /** Input widths to build cases for (keep them small: the FD check costs 2·|θ| forward passes). */
    default List<Integer> widths() {
        return List.of(2, 3);
    }

    /** The graphs the properties draw from: by default one per offered block and width. */
    default List<BlockCase> blockCases() {
        return BlockCases.forBackend(backend(), blockTypes(), widths(), this::requiredArgs);
    }

    /** The ideal profile (no settings) of this backend. */
    default HardwareProfile idealProfile() {
        return new HardwareProfile("contract_ideal", backend().name(), Map.of(), Loc.NONE);
    }

    /** Profiles for the determinism, mutation, capability and edge-input properties; add noisy ones here. */
    default List<HardwareProfile> profiles() {
        return List.of(idealProfile());
    }

    /** Turns a profile's noise value into noise models; the default resolves nothing (no noise plugins). */
    default List<NoiseModel> resolveNoise(Value value) {
        throw new AssertionError("profile value " + value + " needs a noise model; override resolveNoise()");
    }

    /** The "large" edge input magnitude. */
    default double largeInput() {
        return 1e3;
    }

    @Provide
    default Arbitrary<BlockCase> contractBlockCases() {
        List<BlockCase> cases = blockCases();
        if (cases.isEmpty())
            throw new AssertionError("backend '" + backend().name() + "' offers blocks " + backend().blocks()
                    + " but no block case could be built from blockTypes(); override blockCases() or requiredArgs()");
        return Arbitraries.of(cases);
    }

    @Provide
    default Arbitrary<HardwareProfile> contractProfiles() {
        return Arbitraries.of(profiles());
    }

    private BackendProbe probe(BlockCase c, HardwareProfile p, long seed) {
        return new BackendProbe(backend(), c, p, this::resolveNoise, seed);
    }

    /** Every block the backend offers is exercised by at least one case (otherwise its properties would be vacuous). */
    @net.jqwik.api.Example
    default void every_offered_block_has_a_case() {
        java.util.Set<String> covered = new java.util.HashSet<>();
        for (BlockCase c : blockCases()) covered.add(c.block());
        java.util.List<String> missing = backend().blocks().stream().filter(b -> !covered.contains(b)).sorted().toList();
        if (!missing.isEmpty())
            throw new AssertionError("backend '" + backend().name() + "' offers " + missing + " but no block case "
                    + "exercises them: add their BlockType to blockTypes(), give required arguments in requiredArgs(), "
                    + "or hand-make graphs in blockCases()");
    }

    /** §3 gradient check of the twin's VJP w.r.t. θ on the ideal profile, for every offered block. */
    @Property(tries = 40)
    default void vjp_matches_finite_differences(@ForAll("contractBlockCases") BlockCase c,
                                                @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(c, idealProfile(), seed).vjpMatchesFiniteDifferences();
    }

    /**
     * Chains of 1..3 of the backend's real-to-real blocks ({@link PnnArbitraries#networks}): the composed VJP
     * passes the §3 check too (catches kernels that are right alone but mishandle input gradients or scratch).
     */
    @Property(tries = 20)
    default void random_networks_pass_the_gradient_check(@ForAll("contractNetworks") BlockCase net,
                                                         @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(net, idealProfile(), seed).vjpMatchesFiniteDifferences();
    }

    /**
     * Random chains of the backend's real-to-real blocks; when the backend has none, or refuses a chain of two of
     * them with a {@link dev.pnn.spi.PnnException} (backends that run one block per graph), the per-block cases.
     */
    @Provide
    default Arbitrary<BlockCase> contractNetworks() {
        List<BlockType> real = blockTypes().stream().filter(t -> backend().blocks().contains(t.name()))
                .filter(t -> t.inputs().equals(List.of(dev.pnn.spi.ir.Domain.REAL))
                        && t.output().equals(dev.pnn.spi.ir.Domain.REAL)).toList();
        if (real.isEmpty() || !acceptsChains(real)) return Arbitraries.of(blockCases());
        return PnnArbitraries.networks(real, this::requiredArgs).map(g -> new BlockCase(
                g.nodes().get(g.nodes().size() - 1).op(), g, "network " + String.join(" -> ",
                g.nodes().stream().skip(1).map(n -> n.op() + "->" + n.type()).toList()) + " on " + g.nodes().get(0).type()));
    }

    private boolean acceptsChains(List<BlockType> real) {
        for (int n = 2; n <= 4; n++) {
            var g = PnnArbitraries.chain(real, n, List.of(0, 0), this::requiredArgs);
            if (g.isEmpty()) continue;
            try (var d = backend().open(new dev.pnn.spi.device.DeviceRequest(g.get(), idealProfile(), 0, this::resolveNoise))) {
                return true;
            } catch (dev.pnn.spi.PnnException refused) {
                return false;
            }
        }
        return false;
    }

    @Property(tries = 30)
    default void forward_is_deterministic_at_a_fixed_seed(@ForAll("contractBlockCases") BlockCase c,
                                                          @ForAll("contractProfiles") HardwareProfile p,
                                                          @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(c, p, seed).forwardIsDeterministic();
    }

    @Property(tries = 30)
    default void views_leave_theta_and_inputs_untouched(@ForAll("contractBlockCases") BlockCase c,
                                                        @ForAll("contractProfiles") HardwareProfile p,
                                                        @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(c, p, seed).leavesArgumentsUntouched();
    }

    @Property(tries = 20)
    default void declared_capabilities_work_and_undeclared_ones_are_refused(
            @ForAll("contractBlockCases") BlockCase c, @ForAll("contractProfiles") HardwareProfile p,
            @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(c, p, seed).capabilitiesAreHonest();
    }

    @Property(tries = 20)
    default void edge_inputs_give_finite_outputs_and_gradients(@ForAll("contractBlockCases") BlockCase c,
                                                               @ForAll("contractProfiles") HardwareProfile p,
                                                               @ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
        probe(c, p, seed).edgeInputsAreFinite(largeInput());
    }
}
