package dev.pnn.testkit.broken;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contracts catch bad plugins: each deliberately broken backend or trainer of {@link BrokenCases} is run
 * through the JUnit Platform, and the property that guards against its flaw must fail with a message that says
 * what is wrong, while jqwik reports the shrunk counterexample (the simplest block case and seed 0 or 1). The
 * correct toy plugins pass every property, so the failures are the flaws', not the contracts'.
 */
class BrokenPluginsTest {
    private static final String VJP = "vjp matches finite differences";
    private static final String DETERMINISTIC = "forward is deterministic at a fixed seed";
    private static final String UNTOUCHED = "views leave theta and inputs untouched";
    private static final String CAPABILITIES = "declared capabilities work and undeclared ones are refused";
    private static final String EDGE = "edge inputs give finite outputs and gradients";
    private static final String ORACLE = "oracle of the declared kind holds";

    private static ContractRun failing(Class<?> c, String property, String... messageParts) {
        ContractRun run = ContractRun.of(c);
        assertTrue(run.failures().containsKey(property), c.getSimpleName() + " should fail '" + property
                + "' but failed only " + run.failedProperties());
        String msg = run.failures().get(property);
        for (String part : messageParts)
            assertTrue(msg.contains(part), c.getSimpleName() + " failed '" + property + "' but the message lacks '"
                    + part + "':\n" + msg);
        assertTrue(msg.contains("counterexample: ") || msg.contains("CapabilityException"),
                "the message should print the counterexample:\n" + msg);
        String report = run.reports().getOrDefault(property, "");
        assertTrue(report.contains("Shrunk Sample") || report.contains("Sample"),
                "jqwik should report the (shrunk) sample of '" + property + "', report was:\n" + report);
        return run;
    }

    @Test
    void correct_toy_plugins_pass_every_property() {
        for (Class<?> c : List.of(BrokenCases.CorrectBackend.class, BrokenCases.CorrectTrainer.class,
                BrokenCases.CorrectTrainerOnToyBackend.class)) {
            ContractRun run = ContractRun.of(c);
            assertEquals(List.of(), run.failedProperties(), c.getSimpleName() + ": " + run.failures());
            assertTrue(run.succeeded() >= 5, c.getSimpleName() + " ran only " + run.succeeded() + " properties");
        }
    }

    @Test
    void a_vjp_with_a_flipped_sign_fails_the_gradient_check_and_shrinks_to_the_smallest_case() {
        ContractRun run = failing(BrokenCases.FlippedSignBackend.class, VJP, "VJP of block 'squash' disagrees",
                "gradient check FAILED", "‖g − g_FD‖/max(‖g‖,‖g_FD‖) = 2.000e+00", "y.a[");
        assertTrue(run.reports().get(VJP).contains("squash on real[2]"), run.reports().get(VJP));
        // the composed check over random chains of the block fails too; nothing else does
        assertEquals(java.util.Set.of(VJP, "random networks pass the gradient check"),
                java.util.Set.copyOf(run.failedProperties()));
    }

    @Test
    void a_vjp_off_by_one_percent_fails_the_gradient_check() {
        failing(BrokenCases.OffByOnePercentBackend.class, VJP, "‖g − g_FD‖/max(‖g‖,‖g_FD‖) = 9.901e-03", "EXCEEDED");
    }

    @Test
    void a_backend_drawing_from_a_shared_stream_is_not_deterministic_at_a_fixed_seed() {
        failing(BrokenCases.NondeterministicBackend.class, DETERMINISTIC, "forward is not deterministic at a fixed seed",
                "same request");
    }

    @Test
    void a_backend_handing_out_an_undeclared_view_is_caught() {
        failing(BrokenCases.UndeclaredCapabilityBackend.class, CAPABILITIES,
                "hands out LayersView (pnn.layers) although it does not declare pnn.layers");
    }

    @Test
    void a_backend_mutating_theta_is_caught() {
        failing(BrokenCases.MutatingBackend.class, UNTOUCHED, "ForwardView.forward mutated θ[", "y.a[");
    }

    @Test
    void a_backend_giving_nan_on_zero_input_is_caught() {
        ContractRun run = failing(BrokenCases.NanOnEdgeBackend.class, EDGE, "on zero input gave a non-finite output",
                "NaN");
        // its single-block θ-gradient is right; chained, its input VJP (which ignores the x·log|x| term) is caught
        assertEquals(java.util.Set.of(EDGE, "random networks pass the gradient check"),
                java.util.Set.copyOf(run.failedProperties()));
    }

    @Test
    void a_slow_and_wrong_backend_fails_on_its_gradient_without_waiting_for_every_try() {
        failing(BrokenCases.SlowAndWrongBackend.class, VJP, "gradient check FAILED", "5.000e-01");
    }

    @Test
    void a_trainer_with_a_flipped_sign_fails_its_exact_gradient_oracle() {
        ContractRun run = failing(BrokenCases.FlippedSignTrainer.class, ORACLE,
                "declares EXACT_GRADIENT but its gradient disagrees with central finite differences", "2.000e+00");
        assertEquals(List.of(ORACLE), run.failedProperties());
    }

    @Test
    void a_trainer_off_by_one_percent_fails_its_exact_gradient_oracle() {
        failing(BrokenCases.OffByOnePercentTrainer.class, ORACLE, "9.901e-03");
    }

    @Test
    void a_nondeterministic_trainer_is_caught() {
        failing(BrokenCases.NondeterministicTrainer.class, "deterministic at a fixed seed",
                "trainer is not deterministic at a fixed seed");
    }

    @Test
    void a_trainer_using_an_undeclared_capability_is_refused_and_named() {
        failing(BrokenCases.UndeclaredCapabilityTrainer.class, "uses only declared capabilities",
                "trainer 'toy_bp_undeclared_capability' asked the device for pnn.twin (TwinView), which it did not declare");
    }

    @Test
    void a_trainer_stepping_theta_itself_is_caught() {
        failing(BrokenCases.MutatingTrainer.class, "leaves theta and the batch untouched", "GradientTrainer.gradient mutated θ");
    }

    @Test
    void a_trainer_giving_nan_on_zero_input_is_caught() {
        failing(BrokenCases.NanOnEdgeTrainer.class, "finite on edge inputs", "non-finite gradient NaN", "every input is 0.0");
    }

    @Test
    void a_slow_and_wrong_trainer_fails_its_oracle() {
        failing(BrokenCases.SlowAndWrongTrainer.class, ORACLE, "5.000e-01");
    }

    @Test
    void a_noise_model_drawing_from_its_own_stream_is_not_deterministic() {
        failing(BrokenExtras.NondeterministicNoise.class, "same seed gives the same draws and only the range is touched",
                "is not deterministic at seed", "draw only from the Rng you are given");
    }

    @Test
    void a_noise_model_writing_past_its_range_is_caught() {
        failing(BrokenExtras.OverrunningNoise.class, "same seed gives the same draws and only the range is touched",
                "outside [off, off+len)");
    }

    @Test
    void a_correct_noise_model_passes() {
        assertEquals(List.of(), ContractRun.of(BrokenExtras.CorrectNoise.class).failedProperties());
    }

    @Test
    void careless_plugin_metadata_is_listed_problem_by_problem() {
        ContractRun run = ContractRun.of(BrokenExtras.CarelessPluginContract.class);
        String meta = run.failures().get("metadata is complete and built for the current spi");
        assertTrue(meta.contains("plugin name 'Careless Plugin' must be lower case") && meta.contains("built for SPI version 0"), meta);
        String contributions = run.failures().get("contributions are named documented and unique");
        assertTrue(contributions.contains("trainer 'toy_bp_none': summary() is blank")
                && contributions.contains("argument 'lr' has no doc"), contributions);
        String clash = run.failures().get("names do not clash with plugins loaded alongside");
        assertTrue(clash.contains("trainer 'toy_bp_none' is also contributed by plugin 'rival'"), clash);
        String service = run.failures().get("service file lists the plugin class");
        assertTrue(service.contains("lists " + BrokenExtras.CarelessPlugin.class.getName()), service);
    }
}
