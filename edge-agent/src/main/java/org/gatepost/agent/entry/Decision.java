package org.gatepost.agent.entry;

/** What the gate decided for one person. {@link #wire()} is the value in the entry's {@code decision} field. */
public enum Decision {
    /** Body temperature below the threshold: green light, relay pulse. */
    ADMIT("admit"),
    /** Body temperature at or above the threshold: red light, buzzer. */
    DENY_FEVER("deny-fever"),
    /** No valid temperature reading in the window: red light; the entry is still recorded. */
    NO_READING("no-reading");

    private final String wire;

    Decision(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Decision fromWire(String wire) {
        for (Decision d : values()) {
            if (d.wire.equals(wire)) return d;
        }
        throw new IllegalArgumentException("unknown decision: " + wire);
    }
}
