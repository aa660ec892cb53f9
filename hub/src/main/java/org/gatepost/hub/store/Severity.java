package org.gatepost.hub.store;

/**
 * How urgent an alert is. {@link #wire()} is the name in the database ({@code alerts.severity}), the JSON API and the
 * dashboard's message keys ({@code severity.{wire}}); it never changes.
 */
public enum Severity {
    HIGH("high"),
    MEDIUM("medium"),
    LOW("low");

    private final String wire;

    Severity(String wire) {
        this.wire = wire;
    }

    /** The severity's name as stored and served. */
    public String wire() {
        return wire;
    }

    /** The wire name, so that log lines and messages read as before. */
    @Override
    public String toString() {
        return wire;
    }
}
