package dev.pnn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class CliTest {
    static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    static final Path SAMPLE = REPO.resolve("samples/mzi_digits.pnn");
    static final Path DIGITS = REPO.resolve("samples/data/digits8x8.csv.gz");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
        void assertNoStackTrace() {
            assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "stack trace in: " + err);
            assertFalse(err.contains("internal error"), "internal error in: " + err);
        }
    }

    static Run pnn(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path f = tmp.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** A small digital network on digits8x8, quick to train; {@code loss} and {@code data} are spliced in. */
    private Path tinyPlan(String data, String loss, int epochs) throws IOException {
        return write("tiny.pnn", """
                network Tiny {
                    input  pixels : real[64];
                    output logits = linear(pixels, out: 10);
                }

                hardware ideal = photonic_sim;

                train Tiny {
                    data      = %s;
                    loss      = %s;
                    trainer   = backprop;
                    optimizer = adam(lr: 0.01);
                    epochs = %d;  batch = 64;  seed = 0;
                    on        = ideal;
                }
                """.formatted(data, loss, epochs));
    }

    @Test
    void version_and_help() {
        Run v = pnn("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("pnn "), v.out());
        Run h = pnn("--help");
        assertEquals(0, h.code());
        assertTrue(h.out().contains("Examples:") && h.out().contains("train"), h.out());
        Run t = pnn("train", "--help");
        assertEquals(0, t.code());
        assertTrue(t.out().contains("--resume") && t.out().contains("Examples:"), t.out());
    }

    @Test
    void no_command_or_an_unknown_option_is_bad_input() {
        assertEquals(2, pnn().code());
        Run r = pnn("check", "--frobnicate", "x.pnn");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: Unknown option: '--frobnicate'"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void plugins_lists_backends_blocks_trainers_and_more_with_their_sources() {
        Run r = pnn("plugins");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("photonic_sim      from photonic-sim (classpath)"), r.out());
        assertTrue(r.out().contains("capabilities: pnn.forward"), r.out());
        assertTrue(r.out().contains("clements(field[n]"), r.out());
        assertTrue(r.out().contains("requires: pnn.twin"), r.out());
        assertTrue(r.out().contains("nan_at            from test-nan-loss (classpath)"), r.out());
        for (String section : List.of("plugins:", "backends:", "blocks:", "trainers:", "optimizers:", "losses:", "datasets:", "noise models:"))
            assertTrue(r.out().contains("\n" + section) || r.out().startsWith(section), section);
    }

    @Test
    void an_unknown_plugin_folder_is_bad_input() {
        Path missing = tmp.resolve("no-such-dir");
        Run r = pnn("--plugins", missing.toString(), "plugins");
        assertEquals(2, r.code());
        assertEquals("error: plugin directory not found: " + missing + "\n"
                     + "  = help: --plugins expects a folder holding plugin jars (or sub-folders of jars); check the path\n", r.err());
    }

    @Test
    void a_broken_plugin_jar_is_reported_and_the_command_still_runs() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Files.writeString(dir.resolve("broken.jar"), "not a zip");
        Run r = pnn("--plugins", dir.toString(), "check", SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("error: plugin jar " + dir.resolve("broken.jar") + " is not a valid jar"), r.err());
        Run listing = pnn("--plugins", dir.toString(), "plugins");
        assertEquals(2, listing.code());
        assertTrue(listing.out().contains("photonic_sim"), listing.out());
    }

    /** A jar holding a copy of this test classpath's NanLossPlugin: the same plugin twice, from two sources. */
    private Path duplicatePluginJar(Path dir) throws Exception {
        Path classes = Path.of(NanLossPlugin.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("copy.jar");
        try (java.util.jar.JarOutputStream out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
             Stream<Path> files = Files.list(classes.resolve("dev/pnn/cli"))) {
            for (Path f : files.filter(f -> f.getFileName().toString().startsWith("NanLossPlugin")).toList()) {
                out.putNextEntry(new java.util.jar.JarEntry("dev/pnn/cli/" + f.getFileName()));
                out.write(Files.readAllBytes(f));
            }
            out.putNextEntry(new java.util.jar.JarEntry("META-INF/services/dev.pnn.spi.PnnPlugin"));
            out.write("dev.pnn.cli.NanLossPlugin\n".getBytes(StandardCharsets.UTF_8));
        }
        return jar;
    }

    @Test
    void two_plugins_with_one_name_stop_commands_and_name_both_sources() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("plugins"));
        Path jar = duplicatePluginJar(dir);
        Run r = pnn("--plugins", dir.toString(), "check", SAMPLE.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("error: two plugins are named 'test-nan-loss': test-nan-loss (classpath) and test-nan-loss ("
                                    + jar + ")"), r.err());
        assertTrue(r.err().contains("error: plugins conflict, so pnn cannot tell which one you mean"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void a_clean_file_checks_ok() {
        Run r = pnn("check", SAMPLE.toString());
        assertEquals(0, r.code(), r.err());
        // the count includes profiles that 'use photonics;' brings in from the stdlib
        assertTrue(r.out().matches("ok: " + Pattern.quote(SAMPLE.toString()) + " \\(1 network, \\d+ hardware profiles?, 1 training plan\\)\n"
                                   + "  network MziDigits: 2016 MZIs \\(dense equivalent 2016, 1.00x\\)\n"),
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void check_prints_the_tensor_train_network_next_to_its_dense_equivalent() {
        Path sample = REPO.resolve("samples/black_scholes.pnn");
        Run r = pnn("check", sample.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith("\n  network BlackScholesNet: 128 MZIs (dense equivalent 256, 2.00x)\n"), r.out());
    }

    /** A PDE plan has no test set: the run ends with the trainer's own scores and, with init, the warm start. */
    @Test
    void train_on_a_pde_plan_prints_the_error_against_the_solution_and_the_warm_start() {
        Path sample = REPO.resolve("samples/black_scholes_compress.pnn");
        Run r = pnn("train", sample.toString(), "--plan", "CompressedZo", "--epochs", "1", "--out", tmp.resolve("c").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\ntrained 1 epoch ("), r.out());
        assertFalse(r.out().contains("final test accuracy"), r.out());
        assertTrue(r.out().contains("init: started from ") && r.out().contains("z2.core1 <- TT-SVD of z2.weight"), r.out());
        assertTrue(java.util.regex.Pattern.compile("\nrelative l2 vs solution: 0\\.\\d+").matcher(r.out()).find(), r.out());
    }

    @Test
    void compile_emits_ir_text_and_json() throws IOException {
        Run ir = pnn("compile", SAMPLE.toString(), "--emit", "ir");
        assertEquals(0, ir.code(), ir.err());
        assertEquals(dev.pnn.compiler.IrText.print(dev.pnn.compiler.IrText.parse(ir.out())), ir.out(), "the text form round-trips");
        assertTrue(ir.out().contains("clements"), ir.out());
        assertEquals("note: network MziDigits: 2016 MZIs (dense equivalent 2016, 1.00x)\n", ir.err());
        Run json = pnn("compile", SAMPLE.toString(), "--emit", "json");
        assertEquals(0, json.code(), json.err());
        assertTrue(new ObjectMapper().readTree(json.out()).isObject(), json.out());
        Run bad = pnn("compile", SAMPLE.toString(), "--emit", "xml");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--emit"), bad.err());
    }

    @Test
    void a_file_with_diagnostics_exits_2_with_rendered_carets() throws IOException {
        Path f = write("typo.pnn", Files.readString(SAMPLE).replace("clements(signal", "clement(signal"));
        Run r = pnn("check", f.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("error["), r.err());
        assertTrue(r.err().contains("clement"), r.err());
        assertTrue(r.err().contains("^"), r.err());
        assertTrue(r.err().contains(f.toString() + ":"), r.err());
        r.assertNoStackTrace();
    }

    @Test
    void a_missing_file_is_bad_input() {
        Path missing = tmp.resolve("missing.pnn");
        for (String cmd : List.of("check", "train")) {
            Run r = pnn(cmd, missing.toString());
            assertEquals(2, r.code(), cmd);
            assertTrue(r.err().startsWith("error: file not found: " + missing + "\n"), r.err());
        }
    }

    /** Which codes each file gives is the compiler's test; here: the CLI renders them and exits 2, never throws. */
    @Test
    void every_malformed_file_exits_2_with_rendered_diagnostics_and_never_throws() throws IOException {
        Path dir = REPO.resolve("compiler/src/test/resources/malformed");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(f -> f.getFileName().toString().endsWith(".pnn")).sorted().toList();
        }
        assertTrue(files.size() >= 10, "expected the malformed suite in " + dir + ", found " + files);
        for (Path f : files) {
            Run r = pnn("check", f.toString());
            assertEquals(2, r.code(), f + ": " + r.err());
            assertTrue(r.err().contains("error[PNN-E"), f + ": " + r.err());
            assertEquals("", r.out(), f.toString());
            r.assertNoStackTrace();
        }
    }

    @Test
    void a_five_megabyte_file_exits_2_without_a_stack_trace() throws IOException {
        StringBuilder big = new StringBuilder("network Big {\n    input x : real[4];\n");
        for (int i = 0; big.length() < 5_000_000; i++) big.append("    s").append(i).append(" = relu(x);\n");
        big.append("    output y = x\n}\n");
        Path f = write("big.pnn", big.toString());
        Run r = pnn("check", f.toString());
        assertEquals(2, r.code(), r.err().length() > 2000 ? r.err().substring(0, 2000) : r.err());
        assertTrue(r.err().contains("error"), r.err().substring(0, Math.min(500, r.err().length())));
        r.assertNoStackTrace();
    }

    @Test
    void a_missing_data_file_names_the_path_and_the_plan_line() throws IOException {
        Path plan = tinyPlan("digits8x8(\"data/nope.csv.gz\", test: 20%, seed: 1)", "cross_entropy", 1);
        Run r = pnn("train", plan.toString(), "--out", tmp.resolve("run").toString());
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("error: data file not found: " + tmp.resolve("data/nope.csv.gz") + "\n"
                                      + "  --> " + plan + ":9:"), r.err());
        assertTrue(r.err().contains("= help: "), r.err());
        r.assertNoStackTrace();
        assertFalse(Files.exists(tmp.resolve("run")));
    }

    @Test
    void training_writes_a_run_folder_and_prints_a_table() throws IOException {
        Path plan = tinyPlan("digits8x8(\"" + DIGITS + "\", test: 20%, seed: 1)", "cross_entropy", 2);
        Path run = tmp.resolve("run");
        Run r = pnn("train", plan.toString(), "--out", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("training Tiny: network Tiny on ideal (photonic_sim), trainer backprop, 2 epochs x 23 batches of 64"), r.out());
        assertTrue(r.out().contains(" epoch | train loss | train acc | test loss | test acc"), r.out());
        assertTrue(r.out().contains("run folder: " + run), r.out());
        assertEquals(3, Files.readAllLines(run.resolve("metrics.csv")).size());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("completed", summary.get("status").asText());
        assertTrue(summary.get("final").get("testAccuracy").asDouble() > 0.5, summary.toString());
        assertTrue(Files.exists(run.resolve("params.json")));
        assertTrue(Files.exists(run.resolve("checkpoints/epoch-0002.json")));
    }

    @Test
    void a_nan_loss_stops_training_with_epoch_and_batch_and_keeps_the_last_good_checkpoint() throws IOException {
        // 1437 training digits in batches of 64 = 23 batches per epoch: call 30 (0-based) is epoch 2, batch 8
        Path plan = tinyPlan("digits8x8(\"" + DIGITS + "\", test: 20%, seed: 1)", "nan_at(step: 30)", 3);
        Path run = tmp.resolve("run");
        Run r = pnn("train", plan.toString(), "--out", run.toString());
        assertEquals(1, r.code(), r.err());
        Matcher m = Pattern.compile("error: training stopped: the loss is NaN in epoch 2, batch 8 of 23\n  --> "
                                    + Pattern.quote(plan.toString()) + ":12:\\d+\n  = help: kept the last good checkpoint \\(epoch 1\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        r.assertNoStackTrace();
        try (Stream<Path> s = Files.list(run.resolve("checkpoints"))) {
            assertEquals(List.of("epoch-0000.json", "epoch-0001.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals("stopped", summary.get("status").asText());
        JsonNode checkpoint = new ObjectMapper().readTree(run.resolve("checkpoints/epoch-0001.json").toFile());
        JsonNode params = new ObjectMapper().readTree(run.resolve("params.json").toFile());
        assertEquals(checkpoint.get("theta").get(0).asDouble(), params.get("slices").get(0).get("values").get(0).asDouble());
    }

    @Test
    void resume_continues_a_run_to_more_epochs() throws IOException {
        Path plan = tinyPlan("digits8x8(\"" + DIGITS + "\", test: 20%, seed: 1)", "cross_entropy", 3);
        Path straight = tmp.resolve("straight"), resumed = tmp.resolve("resumed");
        assertEquals(0, pnn("train", plan.toString(), "--out", straight.toString()).code());
        assertEquals(0, pnn("train", plan.toString(), "--out", resumed.toString(), "--epochs", "1").code());
        Run r = pnn("train", plan.toString(), "--resume", resumed.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(straight.resolve("params.json")), Files.readString(resumed.resolve("params.json")));
        assertEquals(4, Files.readAllLines(resumed.resolve("metrics.csv")).size());
    }

    @Test
    void an_unknown_plan_is_bad_input() {
        Run r = pnn("train", SAMPLE.toString(), "--plan", "Nope");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: no training plan named 'Nope' in " + SAMPLE), r.err());
    }
}
