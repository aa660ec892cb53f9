package org.gatepost.agent.entry;

/**
 * The colour of a person's health code or test result ({@code docs/mqtt.md}, the entry's {@code health.colour}).
 * {@link #UNKNOWN}: no answer within the wait, or the provider failed; the gate's {@code health.unknown} decides.
 */
public enum HealthColour {
    GREEN("green"),
    YELLOW("yellow"),
    RED("red"),
    UNKNOWN("unknown");

    private final String wire;

    HealthColour(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The colour named {@code wire}; any other text is an {@link IllegalArgumentException}. */
    public static HealthColour fromWire(String wire) {
        for (HealthColour c : values()) {
            if (c.wire.equals(wire)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a health colour (green, yellow, red, unknown): " + wire);
    }
}
