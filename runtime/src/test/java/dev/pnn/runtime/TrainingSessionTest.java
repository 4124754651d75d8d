package dev.pnn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.HardwareProfile;
import dev.pnn.spi.ir.Loc;
import dev.pnn.spi.ir.Program;
import dev.pnn.spi.ir.TrainingPlan;
import dev.pnn.spi.ir.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class TrainingSessionTest {
    static final Catalog CATALOG = Catalog.of(List.of(new ToyPlugin()));

    @TempDir
    Path tmp;

    private TrainingResult train(Program p, TrainingOptions o) {
        try (TrainingSession s = TrainingSession.open(CATALOG, p, o)) {
            return s.run(TrainingListener.NONE);
        }
    }

    private TrainingOptions opts(String out) {
        return TrainingOptions.of(tmp).withOut(tmp.resolve(out));
    }

    @Test
    void trains_and_writes_metrics_checkpoints_params_and_summary() throws IOException {
        TrainingResult r = train(new ToyProgram().build(), opts("run"));
        assertTrue(r.completed());
        assertEquals(4, r.epochsCompleted());
        assertEquals(4, r.history().size());
        EpochMetrics first = r.history().get(0), last = r.last().orElseThrow();
        // three well-separated blobs: a linear model gets far above chance (1/3) and the loss falls
        assertTrue(last.testAccuracy() > 0.8, "test accuracy " + last.testAccuracy());
        assertTrue(last.trainLoss() < first.trainLoss(), first.trainLoss() + " -> " + last.trainLoss());

        List<String> csv = Files.readAllLines(tmp.resolve("run/metrics.csv"));
        assertEquals(RunFolder.METRICS_HEADER, csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(4).startsWith("4," + last.trainLoss() + "," + last.trainAccuracy() + ","), csv.get(4));

        try (Stream<Path> s = Files.list(tmp.resolve("run/checkpoints"))) {
            assertEquals(List.of("epoch-0002.json", "epoch-0003.json", "epoch-0004.json"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode params = RunFolder.JSON.readTree(tmp.resolve("run/params.json").toFile());
        assertEquals("h.weight", params.get("slices").get(0).get("name").asText());
        assertEquals(20, params.get("slices").get(0).get("values").size());
        assertEquals(r.params()[25], params.get("slices").get(2).get("values").get(0).asDouble());
        JsonNode summary = RunFolder.JSON.readTree(tmp.resolve("run/summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertEquals(7, summary.get("seeds").get("plan").asLong());
        assertEquals(last.testAccuracy(), summary.get("final").get("testAccuracy").asDouble());
    }

    /** An optimizer that averages its iterates reports the average: scores and params.json use it, checkpoints keep θ. */
    @Test
    void the_optimizers_averaged_parameters_are_evaluated_and_written_while_checkpoints_keep_the_iterate() throws IOException {
        Program p = new ToyProgram().set(TrainingPlan.OPTIMIZER, ToyProgram.call("toy_momentum", Map.of("lr", new Value.Num(0.05),
                "report_zero", new Value.Bool(true)))).build();
        TrainingResult r = train(p, opts("avg"));
        assertArrayEquals(new double[r.params().length], r.params(), 0.0);
        JsonNode params = RunFolder.JSON.readTree(tmp.resolve("avg/params.json").toFile());
        assertEquals(0.0, params.get("slices").get(0).get("values").get(0).asDouble());
        // all-zero logits: every class ties, so the accuracy is that of the tie-break, far below the trained 0.8
        assertTrue(r.last().orElseThrow().testAccuracy() < 0.5, "scored the iterate, not the average");
        JsonNode ckpt = RunFolder.JSON.readTree(tmp.resolve("avg/checkpoints/epoch-0004.json").toFile());
        assertNotEquals(0.0, ckpt.get("theta").get(0).asDouble(), "the checkpoint must keep the iterate for --resume");
    }

    /** A trainer's own final scores reach the result and summary.json; a trainer without scores adds none. */
    @Test
    void the_trainers_final_scores_are_kept_in_the_result_and_the_summary() throws IOException {
        TrainingResult r = train(new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("scorer")).build(), opts("scored"));
        double norm = 0;
        for (double v : r.params()) norm += v * v;
        assertEquals(Math.sqrt(norm), r.scores().get("theta_norm"), 0.0);
        JsonNode summary = RunFolder.JSON.readTree(tmp.resolve("scored/summary.json").toFile());
        assertEquals(Math.sqrt(norm), summary.get("scores").get("theta_norm").asDouble(), 0.0);
        TrainingResult plain = train(new ToyProgram().build(), opts("plain"));
        assertTrue(plain.scores().isEmpty());
        assertNull(RunFolder.JSON.readTree(tmp.resolve("plain/summary.json").toFile()).get("scores"));
    }

    private static Value.Call paramsAt(String path) {
        return new Value.Call("params", List.of(), Map.of("path", new Value.Str(path)));
    }

    /** init = params("..."): the run starts from the earlier run's parameters, and summary.json says what was copied. */
    @Test
    void a_warm_start_begins_from_the_earlier_runs_parameters() throws IOException {
        TrainingResult first = train(new ToyProgram().build(), opts("first"));
        Program p = new ToyProgram().set(TrainingPlan.INIT, paramsAt("first")).set(TrainingPlan.EPOCHS, new Value.Num(1)).build();
        TrainingResult second = train(p, opts("second"));
        assertTrue(second.warmStart().orElseThrow().contains("4 slice(s) copied"), second.warmStart().toString());
        assertTrue(first.warmStart().isEmpty());
        JsonNode start = RunFolder.JSON.readTree(tmp.resolve("second/checkpoints/epoch-0000.json").toFile());
        for (int i = 0; i < first.params().length; i++)
            assertEquals(first.params()[i], start.get("theta").get(i).asDouble(), 0.0, "θ[" + i + "]");
        JsonNode init = RunFolder.JSON.readTree(tmp.resolve("second/summary.json").toFile()).get("init");
        assertEquals(4, init.get("copied").size(), init.toString());
        assertEquals(0, init.get("keptRandom").size(), init.toString());
    }

    @Test
    void a_warm_start_from_a_missing_or_unrelated_file_is_a_located_error() throws IOException {
        PnnException missing = assertThrows(PnnException.class, () -> train(new ToyProgram()
                .set(TrainingPlan.INIT, paramsAt("nowhere/params.json")).build(), opts("m")));
        assertTrue(missing.getMessage().startsWith("init: no parameters at"), missing.getMessage());
        assertEquals(ToyProgram.FILE, missing.where().file());
        Files.writeString(tmp.resolve("other.json"), "{\"network\": \"X\", \"slices\": [{\"name\": \"q.weight\", \"values\": [1, 2]}]}");
        PnnException unrelated = assertThrows(PnnException.class, () -> train(new ToyProgram()
                .set(TrainingPlan.INIT, paramsAt("other.json")).build(), opts("u")));
        assertTrue(unrelated.getMessage().contains("shares no parameter slice"), unrelated.getMessage());
    }

    @Test
    void training_and_evaluation_queries_are_counted_apart() {
        TrainingResult r = train(new ToyProgram().build(), opts("run"));
        // 300 blobs: 225 train, 75 test; each epoch trains on 225 and evaluates on 225 + 75
        assertEquals(Map.of("forward", 4L * 225), r.last().orElseThrow().trainQueries());
        assertEquals(4L * 300, r.last().orElseThrow().evalQueries());
    }

    @Test
    void the_same_seed_gives_bit_identical_parameters_and_another_seed_does_not() {
        double[] a = train(new ToyProgram().build(), opts("a")).params();
        double[] b = train(new ToyProgram().build(), opts("b")).params();
        double[] c = train(new ToyProgram().set(TrainingPlan.SEED, new Value.Num(8)).build(), opts("c")).params();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void resuming_after_two_epochs_continues_bit_identically() {
        double[] straight = train(new ToyProgram().build(), opts("straight")).params();
        TrainingResult half = train(new ToyProgram().build(), opts("resumed").withEpochs(2));
        assertEquals(2, half.epochsCompleted());
        TrainingResult rest = train(new ToyProgram().build(), TrainingOptions.of(tmp).withResume(tmp.resolve("resumed")));
        assertEquals(4, rest.epochsCompleted());
        assertEquals(List.of(3, 4), rest.history().stream().map(EpochMetrics::epoch).toList());
        assertArrayEquals(straight, rest.params());
        // the momentum state matters: without it the resumed run would differ (guards the test itself)
        assertNotEquals(0.0, straight[0] - half.params()[0]);
    }

    @Test
    void resuming_a_trainer_with_a_random_stream_continues_bit_identically() throws IOException {
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("toy_search")).without(TrainingPlan.OPTIMIZER).build();
        double[] straight = train(p, opts("straight")).params();
        TrainingResult half = train(p, opts("resumed").withEpochs(2));
        JsonNode saved = RunFolder.JSON.readTree(tmp.resolve("resumed/checkpoints/epoch-0002.json").toFile());
        assertEquals(3, saved.get("trainer_state").size(), "the Rng's position is in the checkpoint");
        TrainingResult rest = train(p, TrainingOptions.of(tmp).withResume(tmp.resolve("resumed")));
        assertArrayEquals(straight, rest.params());
        // guards the test: a restarted stream (the old behaviour) would give other parameters
        Path stale = tmp.resolve("stale");
        train(p, opts("stale").withEpochs(2));
        Path ck = stale.resolve("checkpoints/epoch-0002.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) RunFolder.JSON.readTree(ck.toFile());
        json.remove("trainer_state");
        RunFolder.JSON.writeValue(ck.toFile(), json);
        double[] restarted = train(p, TrainingOptions.of(tmp).withResume(stale).withEpochs(4)).params();
        assertFalse(java.util.Arrays.equals(straight, restarted));
        assertNotEquals(0.0, straight[0] - half.params()[0]);
    }

    @Test
    void resuming_on_a_device_with_per_query_noise_continues_its_noise_stream() throws IOException {
        // named as the toy plan's 'on' profile, but with per-query Gaussian readout noise
        HardwareProfile jittery = new HardwareProfile("ideal", "toy_sim", Map.of("readout",
                ToyProgram.call("toy_jitter", Map.of("sigma", new Value.Num(0.3)))), new Loc("toy.pnn", 5, 1));
        Program p = new ToyProgram().profile(jittery).build();
        TrainingResult straight = train(p, opts("straight"));
        train(p, opts("resumed").withEpochs(2));
        JsonNode saved = RunFolder.JSON.readTree(tmp.resolve("resumed/checkpoints/epoch-0002.json").toFile());
        assertEquals(3, saved.get("device_state").size());
        assertEquals(3, saved.get("eval_device_state").size());
        TrainingResult rest = train(p, TrainingOptions.of(tmp).withResume(tmp.resolve("resumed")));
        assertArrayEquals(straight.params(), rest.params());
        // the evaluation device's stream continues too: the resumed epochs score exactly as the straight ones
        assertEquals(straight.last().orElseThrow().testLoss(), rest.last().orElseThrow().testLoss());
        // and the query counts go on from the checkpoint's: 4 epochs of 225 training samples, 300 evaluated
        assertEquals(Map.of("forward", 4L * 225), rest.last().orElseThrow().trainQueries());
        assertEquals(4L * 300, rest.last().orElseThrow().evalQueries());
        // guards the test: without the device state (the old checkpoint) the noise restarts and θ differs
        train(p, opts("stale").withEpochs(2));
        Path ck = tmp.resolve("stale/checkpoints/epoch-0002.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) RunFolder.JSON.readTree(ck.toFile());
        json.remove("device_state");
        RunFolder.JSON.writeValue(ck.toFile(), json);
        assertFalse(java.util.Arrays.equals(straight.params(),
                train(p, TrainingOptions.of(tmp).withResume(tmp.resolve("stale"))).params()));
    }

    @Test
    void a_checkpoint_without_trainer_state_reads_as_empty_state() throws IOException {
        train(new ToyProgram().build(), opts("old").withEpochs(1));
        Path ck = tmp.resolve("old/checkpoints/epoch-0001.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) RunFolder.JSON.readTree(ck.toFile());
        assertEquals(0, json.get("trainer_state").size());
        json.remove("trainer_state");
        RunFolder.JSON.writeValue(ck.toFile(), json);
        assertArrayEquals(new long[0], RunFolder.existing(tmp.resolve("old")).latestCheckpoint().orElseThrow().trainerState());
    }

    @Test
    void a_trainer_state_the_trainer_refuses_is_reported_at_the_trainer_line() throws IOException {
        train(new ToyProgram().build(), opts("odd").withEpochs(1));
        Path ck = tmp.resolve("odd/checkpoints/epoch-0001.json");
        com.fasterxml.jackson.databind.node.ObjectNode json = (com.fasterxml.jackson.databind.node.ObjectNode) RunFolder.JSON.readTree(ck.toFile());
        json.putArray("trainer_state").add(1L).add(2L);
        RunFolder.JSON.writeValue(ck.toFile(), json);
        PnnException e = assertThrows(PnnException.class,
                () -> train(new ToyProgram().build(), TrainingOptions.of(tmp).withResume(tmp.resolve("odd"))));
        assertTrue(e.getMessage().startsWith("cannot resume trainer 'toy_gd' from the checkpoint of epoch 1"), e.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.TRAINER), e.where());
    }

    @Test
    void a_missing_data_file_names_the_path_and_the_plan_line() {
        Program p = new ToyProgram().set(TrainingPlan.DATA,
                new Value.Call("toy_blobs", List.of(new Value.Str("data/missing.csv")), Map.of())).build();
        PnnException e = assertThrows(PnnException.class, () -> TrainingSession.open(CATALOG, p, opts("run")));
        assertEquals("data file not found: " + tmp.resolve("data/missing.csv"), e.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.DATA), e.where());
        assertFalse(Files.exists(tmp.resolve("run")), "no run folder for a run that never started");
    }

    @Test
    void a_plugin_error_without_location_gets_the_plan_line() {
        Path existing = tmp.resolve("exists.csv");
        assertDoesNotThrow(() -> Files.writeString(existing, "1,2\n"));
        Program p = new ToyProgram().set(TrainingPlan.DATA, ToyProgram.call("toy_blobs",
                Map.of("path", new Value.Str("exists.csv")))).build();
        PnnException e = assertThrows(PnnException.class, () -> TrainingSession.open(CATALOG, p, opts("run")));
        assertEquals("cannot read " + existing, e.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.DATA), e.where());
    }

    @Test
    void a_nan_loss_stops_training_naming_epoch_and_batch_and_keeps_the_last_good_checkpoint() throws IOException {
        // 225 examples in batches of 16 = 15 batches per epoch; call 20 is epoch 2, batch 6
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, ToyProgram.call("nan_after", Map.of("step", new Value.Num(20)))).build();
        TrainingResult r = train(p, opts("run"));
        assertFalse(r.completed());
        assertEquals(1, r.epochsCompleted());
        PnnException why = r.stopped().orElseThrow();
        assertEquals("training stopped: the loss is NaN in epoch 2, batch 6 of 15", why.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.OPTIMIZER), why.where());
        assertTrue(why.hint().contains("epoch 1"), why.hint());
        Checkpoint kept = RunFolder.existing(tmp.resolve("run")).latestCheckpoint().orElseThrow();
        assertEquals(1, kept.epoch());
        assertArrayEquals(kept.theta(), r.params());
        JsonNode summary = RunFolder.JSON.readTree(tmp.resolve("run/summary.json").toFile());
        assertEquals("stopped", summary.get("status").asText());
        assertEquals(why.getMessage(), summary.get("message").asText());
        assertEquals(2, Files.readAllLines(tmp.resolve("run/metrics.csv")).size());
    }

    @Test
    void a_trainer_asking_for_a_view_it_did_not_declare_is_refused() {
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("peeker")).build();
        CapabilityException e = assertThrows(CapabilityException.class, () -> train(p, opts("run")));
        assertEquals("trainer 'peeker' asked the device for pnn.twin (TwinView), which it did not declare (it declared: pnn.forward)",
                e.getMessage());
    }

    @Test
    void a_plugin_throwing_mid_run_is_reported_as_which_trainer_failed_where() {
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("broken")).build();
        PnnException e = assertThrows(PnnException.class, () -> train(p, opts("run")));
        assertEquals("trainer 'broken' failed in epoch 1, batch 1: IllegalStateException: index out of tune", e.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.TRAINER), e.where());
        assertInstanceOf(IllegalStateException.class, e.getCause());
    }

    @Test
    void an_update_trainer_trains_without_an_optimizer_and_is_prepared_once() {
        ToyPlugin.PREPARED.set(0);
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("toy_search")).without(TrainingPlan.OPTIMIZER).build();
        TrainingResult r = train(p, opts("run").withEpochs(2));
        assertTrue(r.completed());
        assertEquals(1, ToyPlugin.PREPARED.get());
        assertTrue(Double.isNaN(r.last().orElseThrow().learningRate()), "no optimizer, no learning rate");
        assertTrue(r.last().orElseThrow().trainLoss() < r.history().get(0).trainLoss() + 1e-12);
        assertArrayEquals(r.params(), train(p, opts("again").withEpochs(2)).params(), "same seed, same search");
        train(p, TrainingOptions.of(tmp).withResume(tmp.resolve("run")).withEpochs(3));
        assertEquals(2, ToyPlugin.PREPARED.get(), "a resumed run is not prepared again");
    }

    @Test
    void a_gradient_trainer_without_an_optimizer_is_refused_at_the_trainer_line() {
        Program p = new ToyProgram().without(TrainingPlan.OPTIMIZER).build();
        PnnException e = assertThrows(PnnException.class, () -> TrainingSession.open(CATALOG, p, opts("run")));
        assertEquals("trainer 'toy_gd' estimates gradients, so the plan needs an optimizer", e.getMessage());
        assertEquals(ToyProgram.locOf(TrainingPlan.TRAINER), e.where());
    }

    @Test
    void a_trainer_needing_a_capability_the_backend_lacks_is_refused_before_anything_runs() {
        Program p = new ToyProgram().set(TrainingPlan.TRAINER, new Value.Sym("needs_energy")).build();
        CapabilityException e = assertThrows(CapabilityException.class, () -> TrainingSession.open(CATALOG, p, opts("run")));
        assertTrue(e.getMessage().startsWith("trainer 'needs_energy' needs [pnn.energy]"), e.getMessage());
    }

    @Test
    void noise_settings_resolve_through_the_catalog_including_sums() {
        Value twoOffsets = new Value.Op("+", List.of(ToyProgram.call("toy_offset", Map.of("by", new Value.Num(1))),
                ToyProgram.call("toy_offset", Map.of("by", new Value.Num(2)))));
        NoiseResolver r = new NoiseResolver(CATALOG, new Loc("toy.pnn", 5, 1));
        assertEquals(List.of("toy_offset(by: 1.0)", "toy_offset(by: 2.0)"),
                r.apply(twoOffsets).stream().map(n -> n.describe()).toList());
        PnnException e = assertThrows(PnnException.class, () -> r.apply(new Value.Sym("gaussian")));
        assertEquals("unknown noise model 'gaussian'", e.getMessage());
        assertEquals(new Loc("toy.pnn", 5, 1), e.where());
    }

    @Test
    void the_training_device_gets_the_profile_noise_and_evaluation_uses_the_same_instance() {
        HardwareProfile shifted = new HardwareProfile("ideal", "toy_sim", Map.of("readout",
                ToyProgram.call("toy_offset", Map.of("by", new Value.Num(5)))), new Loc("toy.pnn", 5, 1));
        // a constant shift of all logits changes neither softmax nor argmax: same parameters, same accuracy
        TrainingResult plain = train(new ToyProgram().build(), opts("plain"));
        TrainingResult noisy = train(new ToyProgram().profile(shifted).build(), opts("noisy"));
        assertArrayEquals(plain.params(), noisy.params(), 1e-9);
        assertEquals(plain.last().orElseThrow().testAccuracy(), noisy.last().orElseThrow().testAccuracy());
    }

    @Test
    void an_existing_run_folder_is_not_overwritten() {
        train(new ToyProgram().build(), opts("run").withEpochs(1));
        PnnException e = assertThrows(PnnException.class, () -> TrainingSession.open(CATALOG, new ToyProgram().build(), opts("run")));
        assertEquals("run folder " + tmp.resolve("run") + " already holds a run", e.getMessage());
    }

    @Test
    void the_default_run_folder_is_named_after_the_plan_and_time() {
        TrainingResult r = train(new ToyProgram().build(), TrainingOptions.of(tmp).withRunsDir(tmp.resolve("runs")).withEpochs(1));
        assertTrue(r.runDir().getFileName().toString().matches("Toy-\\d{8}-\\d{6}"), r.runDir().toString());
        assertEquals(tmp.resolve("runs"), r.runDir().getParent());
    }
}
