package dev.pnn.testkit;

import dev.pnn.spi.Capability;
import dev.pnn.spi.CapabilityException;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.device.Device;
import dev.pnn.spi.device.View;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The device as a trainer under contract sees it: views of undeclared capabilities are refused, as the runtime
 * does, and every refusal is also remembered so that a trainer that swallows the exception still fails.
 */
final class DeclaredOnlyDevice implements Device {
    private final Device inner;
    private final Set<Capability> declared;
    private final String trainer;
    private final List<String> violations;

    DeclaredOnlyDevice(Device inner, Set<Capability> declared, String trainer, List<String> violations) {
        this.inner = inner;
        this.declared = Set.copyOf(Capability.closure(declared));
        this.trainer = trainer;
        this.violations = violations;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        Capability cap = View.capabilityOf(type);
        if (!declared.contains(cap)) {
            String msg = "trainer '" + trainer + "' asked the device for " + cap + " (" + type.getSimpleName()
                         + "), which it did not declare; it declares " + declared;
            violations.add(msg);
            throw new CapabilityException(msg, "list every capability the trainer uses in TrainerFactory.requires()");
        }
        return inner.view(type);
    }

    @Override
    public Set<Capability> capabilities() {
        Set<Capability> both = new LinkedHashSet<>(Capability.closure(inner.capabilities()));
        both.retainAll(declared);
        return both;
    }

    @Override
    public Graph graph() {
        return inner.graph();
    }

    @Override
    public HardwareProfile profile() {
        return inner.profile();
    }

    @Override
    public long seed() {
        return inner.seed();
    }

    @Override
    public QueryCounter queries() {
        return inner.queries();
    }

    @Override
    public void close() {
        inner.close();
    }

    static List<String> newLog() {
        return new ArrayList<>();
    }
}
