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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code pnn eval} and {@code pnn sweep} end to end on a small noisy photonic network. */
class EvalCommandTest {
    static final Path DIGITS = Path.of("..").toAbsolutePath().normalize().resolve("samples/data/digits8x8.csv.gz");

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    static Run pnn(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** 64 pixels → 10 modulators → a 10-mode Clements mesh → detectors → gain; a noisy chip and a zero-noise one. */
    Path plan() throws IOException {
        Path f = tmp.resolve("small.pnn");
        Files.writeString(f, """
                use photonics;
                network Small {
                    input  pixels : real[64];
                    drive  = linear(pixels, out: 10);
                    signal = modulate(drive, mode: amplitude);
                    mixed  = clements(signal, modes: 10);
                    output logits = gain(photodetect(mixed));
                }
                hardware ideal = photonic_sim;
                hardware chip = photonic_sim {
                    phase_error    = gaussian(sigma: 0.1 rad);
                    splitter_error = gaussian(sigma: 0.02, reading: ratio);
                    detector       = shot_noise(photons: 1e4) + readout(sigma: 0.001);
                }
                hardware perfect = photonic_sim {
                    phase_error = gaussian(sigma: 0 rad);
                    crosstalk   = thermal(coupling: 0);
                }
                train Small as bp {
                    data = digits8x8("%s", test: 20%%, seed: 1);
                    loss = cross_entropy;  trainer = backprop;  optimizer = adam(lr: 0.01);
                    epochs = 2;  batch = 64;  seed = 0;  on = ideal;
                    evaluate = monte_carlo(chip, devices: 3);
                }
                train Small as sat {
                    data = digits8x8("%s", test: 20%%, seed: 1);
                    loss = cross_entropy;  trainer = sat(rho: 0.1);  optimizer = adam(lr: 0.01);
                    epochs = 2;  batch = 64;  seed = 0;  on = ideal;
                }
                """.formatted(DIGITS, DIGITS));
        return f;
    }

    static JsonNode json(Path p) throws IOException {
        return new ObjectMapper().readTree(p.toFile());
    }

    @Test
    void evalScoresSampledChipsAndWritesASummary() throws IOException {
        Path file = plan();
        Path run = tmp.resolve("run");
        Run t = pnn("train", file.toString(), "--plan", "bp", "--out", run.toString());
        assertEquals(0, t.code(), t.err());

        Run e = pnn("eval", file.toString(), "--plan", "bp", "--params", run.toString());
        assertEquals(0, e.code(), e.err());
        assertTrue(e.out().contains("Monte Carlo on 'chip'") && e.out().contains("3 devices") && e.out().contains("accuracy%"), e.out());
        JsonNode first = json(run.resolve("eval-chip/summary.json")).get("report");
        assertEquals(3, first.get("instances").size());

        Run again = pnn("eval", file.toString(), "--plan", "bp", "--params", run.toString(), "--out", tmp.resolve("again").toString());
        assertEquals(0, again.code(), again.err());
        JsonNode second = json(tmp.resolve("again/summary.json")).get("report");
        assertEquals(first.get("instances"), second.get("instances"), "same seeds, same report");
        assertEquals(first.get("accuracy"), second.get("accuracy"));

        Run zero = pnn("eval", file.toString(), "--plan", "bp", "--params", run.toString(), "--on", "perfect",
                "--devices", "4", "--seed", "9");
        assertEquals(0, zero.code(), zero.err());
        JsonNode z = json(run.resolve("eval-perfect/summary.json")).get("report");
        assertEquals(0.0, z.get("accuracy").get("std").asDouble(), 0.0);
        assertEquals(z.get("idealAccuracy").asDouble(), z.get("accuracy").get("mean").asDouble(), 0.0);
    }

    @Test
    void badInputIsExplainedWithoutStackTraces() throws IOException {
        Path file = plan();
        Run missing = pnn("eval", file.toString(), "--plan", "bp", "--params", tmp.resolve("nothing").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no trained parameters"), missing.err());
        assertFalse(missing.err().contains("\tat "), missing.err());

        Path run = tmp.resolve("run");
        assertEquals(0, pnn("train", file.toString(), "--plan", "bp", "--out", run.toString()).code());
        Run noProfile = pnn("eval", file.toString(), "--plan", "bp", "--params", run.toString(), "--on", "lab");
        assertEquals(2, noProfile.code());
        assertTrue(noProfile.err().contains("unknown hardware profile 'lab'"), noProfile.err());
    }

    @Test
    void sweepWritesTablePlotAndSplicesTheDoc() throws IOException {
        Path file = plan();
        Path doc = tmp.resolve("doc.md");
        Files.writeString(doc, "# Title\n\n" + SweepCommand.BEGIN + "\nold\n" + SweepCommand.END + "\n\nAfter.\n");
        Path out = tmp.resolve("sweep");
        Run s = pnn("sweep", file.toString(), "--on", "chip", "--sigmas", "0,0.1", "--devices", "2", "--epochs", "1",
                "--sharpness-samples", "32", "--out", out.toString(), "--runs", tmp.resolve("runs").toString(),
                "--doc", doc.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(Files.size(out.resolve("sweep.png")) > 1000);
        JsonNode sweep = json(out.resolve("sweep.json"));
        assertEquals(2, sweep.get("methods").size());
        assertEquals(2, sweep.get("methods").get(0).get("points").size());
        String text = Files.readString(doc);
        assertTrue(text.startsWith("# Title") && text.endsWith("After.\n") && !text.contains("\nold\n"), text);
        assertTrue(text.contains("| bp |") && text.contains("| sat |") && text.contains("sweep.png"), text);
    }

    /**
     * Column "on PROFILE A" scores every method on the instance PAT trains on (derive(plan seed, "device")). A PAT
     * plan's own end-of-training test accuracy is measured on that same instance, so the two agree exactly when the
     * profile has static errors only (no per-query noise whose stream depends on the query count).
     */
    @Test
    void sweepScoresEveryMethodOnTheTrainingChip() throws IOException {
        Path file = tmp.resolve("fab.pnn");
        Files.writeString(file, """
                use photonics;
                network Small {
                    input  pixels : real[64];
                    drive  = linear(pixels, out: 10);
                    signal = modulate(drive, mode: amplitude);
                    mixed  = clements(signal, modes: 10);
                    output logits = gain(photodetect(mixed));
                }
                hardware ideal = photonic_sim;
                hardware fab = photonic_sim {
                    phase_error = gaussian(sigma: 0.3 rad);
                }
                train Small as pat {
                    data = digits8x8("%s", test: 20%%, seed: 1);
                    loss = cross_entropy;  trainer = pat;  optimizer = adam(lr: 0.01);
                    epochs = 1;  batch = 64;  seed = 3;  on = fab;
                }
                train Small as bp {
                    data = digits8x8("%s", test: 20%%, seed: 1);
                    loss = cross_entropy;  trainer = backprop;  optimizer = adam(lr: 0.01);
                    epochs = 1;  batch = 64;  seed = 3;  on = ideal;
                }
                """.formatted(DIGITS, DIGITS));
        Path out = tmp.resolve("sweep");
        Run s = pnn("sweep", file.toString(), "--on", "fab", "--sigmas", "0", "--devices", "1",
                "--sharpness-samples", "16", "--out", out.toString(), "--runs", tmp.resolve("runs").toString());
        assertEquals(0, s.code(), s.err());
        JsonNode methods = json(out.resolve("sweep.json")).get("methods");
        JsonNode pat = methods.get(0), bp = methods.get(1);
        assertEquals(pat.get("testAccuracy").asDouble(), pat.get("trainingChipAccuracy").asDouble(), 0.0);
        assertEquals(pat.get("trainingChipSeed"), bp.get("trainingChipSeed"), "same plan seed, same chip A");
        // bp's own test accuracy is on the ideal device; σ = 0.3 rad on chip A moves it
        assertNotEquals(bp.get("testAccuracy").asDouble(), bp.get("trainingChipAccuracy").asDouble());
        String table = Files.readString(out.resolve("sweep.md"));
        assertTrue(table.contains("| on fab A |"), table);
    }
}
