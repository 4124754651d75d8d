package dev.pnn.testkit;

import dev.pnn.spi.Catalog;
import dev.pnn.spi.PnnException;
import dev.pnn.spi.ir.Program;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pnn compiler and runtime, reached by name. The testkit cannot depend on them at build time: the compiler's
 * tests use built-in plugins whose tests use this testkit, and Maven refuses such a cycle. A test that uses
 * {@link PnnTestKit} therefore needs {@code pnn-runtime} (which brings the compiler) on its test class path; without
 * it every call says so.
 */
final class Toolchain {
    private Toolchain() {
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, true, Toolchain.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new PnnException("PnnTestKit needs the pnn compiler and runtime, but " + name + " is not on the class "
                    + "path", "add a test dependency on dev.pnn:pnn-runtime (it brings pnn-compiler and pnn-stdlib)");
        }
    }

    private static Object call(Object target, Class<?> type, String method, Class<?>[] params, Object... args) {
        try {
            Method m = type.getMethod(method, params);
            return m.invoke(target, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the pnn compiler/runtime on the class path does not match this testkit: "
                    + type.getName() + "." + method + " " + e, e);
        }
    }

    private static Object get(Object record, String accessor) {
        return call(record, record.getClass(), accessor, new Class<?>[0]);
    }

    /** Compiles {@code text} against {@code catalog} with the class path's modules (stdlib, plugin modules). */
    static PnnTestKit.Compiled compile(Catalog catalog, String sourceName, String text) {
        Class<?> modulesType = type("dev.pnn.compiler.ClasspathModules");
        Class<?> moduleSource = type("dev.pnn.compiler.ModuleSource");
        Object modules = call(null, modulesType, "standard", new Class<?>[0]);
        Class<?> compilerType = type("dev.pnn.compiler.PnnCompiler");
        Object compiler;
        try {
            compiler = compilerType.getConstructor(Catalog.class, moduleSource).newInstance(catalog, modules);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot construct PnnCompiler: " + e, e);
        }
        Object c = call(compiler, compilerType, "compile", new Class<?>[]{String.class, String.class}, sourceName, text);
        boolean ok = (Boolean) get(c, "ok");
        String rendered = (String) get(c, "render");
        List<String> messages = new ArrayList<>();
        for (Object d : (List<?>) get(c, "diagnostics")) messages.add((String) get(d, "message"));
        @SuppressWarnings("unchecked")
        Optional<Program> program = (Optional<Program>) get(c, "program");
        return new PnnTestKit.Compiled(ok, program, messages, rendered);
    }

    /** Trains the only (or the named) plan for {@code epochs} epochs, writing the run folder to {@code out}. */
    static PnnTestKit.Run train(Catalog catalog, Program program, Path baseDir, Path out, int epochs, String plan) {
        Class<?> optionsType = type("dev.pnn.runtime.TrainingOptions");
        Object options = call(null, optionsType, "of", new Class<?>[]{Path.class}, baseDir);
        options = call(options, optionsType, "withEpochs", new Class<?>[]{int.class}, epochs);
        options = call(options, optionsType, "withOut", new Class<?>[]{Path.class}, out);
        if (plan != null) options = call(options, optionsType, "withPlan", new Class<?>[]{String.class}, plan);
        Class<?> sessionType = type("dev.pnn.runtime.TrainingSession");
        Class<?> listenerType = type("dev.pnn.runtime.TrainingListener");
        Object session = call(null, sessionType, "open", new Class<?>[]{Catalog.class, Program.class, optionsType},
                catalog, program, options);
        try {
            Object none;
            try {
                none = listenerType.getField("NONE").get(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("TrainingListener.NONE is missing: " + e, e);
            }
            Object result = call(session, sessionType, "run", new Class<?>[]{listenerType}, none);
            List<PnnTestKit.Epoch> history = new ArrayList<>();
            for (Object m : (List<?>) get(result, "history")) {
                history.add(new PnnTestKit.Epoch((Integer) get(m, "epoch"), (Double) get(m, "trainLoss"),
                        (Double) get(m, "trainAccuracy"), (Double) get(m, "testLoss"), (Double) get(m, "testAccuracy")));
            }
            @SuppressWarnings("unchecked")
            Optional<PnnException> stopped = (Optional<PnnException>) get(result, "stopped");
            return new PnnTestKit.Run((Path) get(result, "runDir"), history, stopped, (double[]) get(result, "params"));
        } finally {
            call(session, sessionType, "close", new Class<?>[0]);
        }
    }
}
