/**
 * The pnn compiler: {@link dev.pnn.compiler.PnnCompiler} checks a .pnn file against the loaded plugins'
 * {@link dev.pnn.spi.Catalog} and lowers it to the IR of {@code dev.pnn.spi.ir}; {@link dev.pnn.compiler.Compilation}
 * holds the program or the diagnostics (never an exception). {@link dev.pnn.compiler.IrText} and
 * {@link dev.pnn.compiler.IrJson} write and read the IR. {@link dev.pnn.compiler.ModuleSource} and
 * {@link dev.pnn.compiler.ClasspathModules} find the .pnn modules named by {@code use}. New training-plan keys
 * plug in as {@link dev.pnn.compiler.PlanEntryChecker}s. Everything else in this package is internal.
 */
package dev.pnn.compiler;
