package dev.pnn.testkit.broken;

/** The deliberate mistakes of the broken plugins the contracts must catch. */
public enum Flaw {
    NONE, FLIPPED_SIGN, OFF_BY_ONE_PERCENT, NONDETERMINISTIC, UNDECLARED_CAPABILITY, MUTATES_INPUT, NAN_ON_EDGE,
    SLOW_AND_WRONG
}
