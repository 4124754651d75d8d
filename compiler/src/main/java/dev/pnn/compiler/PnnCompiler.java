package dev.pnn.compiler;

import dev.pnn.dsl.Diagnostic;
import dev.pnn.dsl.DiagnosticCode;
import dev.pnn.dsl.Span;

import dev.pnn.spi.Catalog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Compiles .pnn source to a {@link dev.pnn.spi.ir.Program}: parses, resolves names against the plugin
 * {@link Catalog} and the used modules, checks shapes, domains, units, arguments, hardware settings and
 * capabilities, and lowers to IR. Never throws: every problem is a located diagnostic, all of them collected.
 */
public final class PnnCompiler {
    /** Larger inputs are refused unread: nobody writes them, and parsing them would only burn memory. */
    static final long MAX_BYTES = 64L << 20;
    /** Deeply chained expressions recurse; compile on a thread whose stack fits them. */
    private static final long STACK_BYTES = 512L << 20;

    private final Catalog catalog;
    private final ModuleSource modules;
    private final List<PlanEntryChecker> checkers;

    public PnnCompiler(Catalog catalog, ModuleSource modules) {
        this(catalog, modules, List.of());
    }

    /**
     * @param extraCheckers plan-entry checkers beyond the built-in ones and those found by {@link ServiceLoader}
     * @throws IllegalArgumentException when two checkers claim the same plan key
     */
    public PnnCompiler(Catalog catalog, ModuleSource modules, List<PlanEntryChecker> extraCheckers) {
        this.catalog = catalog;
        this.modules = modules;
        Map<Class<?>, PlanEntryChecker> all = new LinkedHashMap<>();
        for (PlanEntryChecker c : builtinCheckers()) all.put(c.getClass(), c);
        for (PlanEntryChecker c : ServiceLoader.load(PlanEntryChecker.class, PnnCompiler.class.getClassLoader()))
            all.putIfAbsent(c.getClass(), c);
        for (PlanEntryChecker c : extraCheckers) all.putIfAbsent(c.getClass(), c);
        this.checkers = List.copyOf(all.values());
        Map<String, PlanEntryChecker> owners = new LinkedHashMap<>();
        for (PlanEntryChecker c : checkers)
            for (String k : c.keys()) {
                PlanEntryChecker prev = owners.putIfAbsent(k, c);
                if (prev != null)
                    throw new IllegalArgumentException("plan key '" + k + "' is claimed by both " + prev.getClass().getName()
                            + " and " + c.getClass().getName());
            }
    }

    static List<PlanEntryChecker> builtinCheckers() {
        return List.of(new DataEntryChecker(), new LossEntryChecker(), new TrainerEntryChecker(), new OptimizerEntryChecker(),
                new ScheduleEntryChecker(), new HardwareEntryChecker(), new InitEntryChecker());
    }

    /** Reads the file (UTF-8) and compiles it; unreadable, binary or non-UTF-8 files give diagnostics. */
    public Compilation compile(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) return fileError(name, "", "`" + name + "` is a directory, not a .pnn file");
            long size = Files.size(file);
            if (size > MAX_BYTES)
                return fileError(name, "", "`" + name + "` is " + (size >> 20) + " MB; source files are limited to " + (MAX_BYTES >> 20) + " MB");
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return fileError(name, "", "cannot read `" + name + "`: no such file");
        } catch (IOException | SecurityException e) {
            return fileError(name, "", "cannot read `" + name + "`: " + e.getMessage());
        }
        int start = bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF ? 3 : 0;
        for (int i = start; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                return new Compilation(name, "", Optional.empty(), List.of(Diagnostic.error(DiagnosticCode.INVALID_ENCODING, Span.FILE,
                                "`" + name + "` looks like a binary file (it contains a NUL byte at offset " + i + "), not .pnn source",
                                "").help("pass a .pnn text file")));
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            String text = decoder.decode(ByteBuffer.wrap(bytes, start, bytes.length - start)).toString();
            return compile(name, text);
        } catch (CharacterCodingException e) {
            int bad = firstMalformed(bytes, start);
            String before = new String(bytes, start, bad - start, StandardCharsets.UTF_8);
            int line = 1, col = 1;
            for (int i = 0; i < before.length(); i++) {
                if (before.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else if (!Character.isLowSurrogate(before.charAt(i))) col++;
            }
            String lossy = new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
            return new Compilation(name, lossy, Optional.empty(), List.of(Diagnostic.error(DiagnosticCode.INVALID_ENCODING,
                            Span.point(line, col).to(new Span(line, col, line, col + 1)),
                            "`" + name + "` is not valid UTF-8: byte 0x" + String.format("%02X", bytes[bad] & 0xff) + " at offset " + bad
                                    + " does not decode", "invalid byte")
                    .help("save the file as UTF-8")));
        }
    }

    /** Offset of the first byte that does not decode as UTF-8. */
    private static int firstMalformed(byte[] bytes, int start) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, bytes.length - start);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate(bytes.length + 1);
        java.nio.charset.CoderResult r = d.decode(in, out, true);
        if (r.isError()) return in.position();
        r = d.flush(out);
        return Math.min(in.position(), bytes.length - 1);
    }

    private static Compilation fileError(String name, String text, String message) {
        return new Compilation(name, text, Optional.empty(),
                List.of(Diagnostic.error(DiagnosticCode.UNREADABLE_FILE, Span.FILE, message, "")));
    }

    /** Compiles source text; {@code sourceName} is used in diagnostics and IR locations. */
    public Compilation compile(String sourceName, String text) {
        AtomicReference<Compilation> result = new AtomicReference<>();
        Thread worker = new Thread(null, () -> result.set(safely(sourceName, text)), "pnn-compiler", STACK_BYTES);
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return internal(sourceName, text, e);
        }
        Compilation c = result.get();
        return c != null ? c : internal(sourceName, text, new IllegalStateException("compiler thread ended without a result"));
    }

    private Compilation safely(String sourceName, String text) {
        try {
            String t = text == null ? "" : text;
            if (t.startsWith("\uFEFF")) t = t.substring(1); // a UTF-8 byte-order mark is not part of the source
            return new FileCompiler(catalog, modules, checkers, sourceName, t).run();
        } catch (StackOverflowError e) {
            return new Compilation(sourceName, text, Optional.empty(), List.of(Diagnostic.error(DiagnosticCode.NESTING_TOO_DEEP,
                    Span.FILE, "expressions are nested or chained too deeply to compile", "").help("split long expressions into statements")));
        } catch (RuntimeException | OutOfMemoryError | LinkageError e) {
            return internal(sourceName, text, e);
        }
    }

    private static Compilation internal(String sourceName, String text, Throwable e) {
        List<Diagnostic> d = new ArrayList<>();
        d.add(Diagnostic.error(DiagnosticCode.INTERNAL_ERROR, Span.FILE, "internal compiler error: " + e, "")
                .help("this is a bug in pnn; please report it with the file that caused it"));
        return new Compilation(sourceName, text == null ? "" : text, Optional.empty(), d);
    }
}
