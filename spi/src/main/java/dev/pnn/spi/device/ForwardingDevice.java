package dev.pnn.spi.device;

import dev.pnn.spi.Capability;
import dev.pnn.spi.QueryCounter;
import dev.pnn.spi.ir.Graph;
import dev.pnn.spi.ir.HardwareProfile;

import java.util.Set;

/**
 * A device that passes everything to another one; subclasses override what they change (which views a trainer
 * may see, a distortion of what is measured, ...). Closing it closes the wrapped device.
 */
public abstract class ForwardingDevice implements Device {
    protected final Device inner;

    protected ForwardingDevice(Device inner) {
        this.inner = inner;
    }

    @Override
    public <V extends View> V view(Class<V> type) {
        return inner.view(type);
    }

    @Override
    public Set<Capability> capabilities() {
        return inner.capabilities();
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
    public long[] state() {
        return inner.state();
    }

    @Override
    public void restore(long[] state) {
        inner.restore(state);
    }

    @Override
    public void close() {
        inner.close();
    }
}
