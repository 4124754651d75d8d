package dev.pnn.spi;

/** A trainer asked a device for a view of a capability it did not declare, or the device does not offer. */
public class CapabilityException extends PnnException {
    public CapabilityException(String what, String hint) {
        super(what, hint);
    }
}
