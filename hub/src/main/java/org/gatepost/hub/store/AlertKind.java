package org.gatepost.hub.store;

/**
 * The kinds of alert the hub raises. {@link #wire()} is the kind's name in the database ({@code alerts.kind}), the
 * JSON API, the metrics' {@code kind} tag and the dashboard's message keys ({@code kind.{wire}}); it never changes.
 * Which rule raises which kind, and with which {@link Severity}: {@code AlertRules} and {@code HealthRules}.
 */
public enum AlertKind {
    FEVER("fever"),
    GATE_OFFLINE("gate-offline"),
    DEVICE_FAULT("device-fault"),
    STORAGE("storage"),
    BACKLOG("backlog"),
    MISSING_ENTRIES("missing-entries"),
    QUARANTINE_BREACH("quarantine-breach"),
    BLOCKED_HOUSEHOLD("blocked-household"),
    UNKNOWN_CREDENTIAL("unknown-credential"),
    OVERRIDE("override"),
    QUOTA("quota"),
    CONFLICTING_ENTRY("conflicting-entry"),
    PASS_DOUBLE_USE("pass-double-use"),
    /** The hub's own disk was full for a while (see {@link DiskFull}). */
    HUB_DISK_FULL("hub-disk-full");

    private final String wire;

    AlertKind(String wire) {
        this.wire = wire;
    }

    /** The kind's name as stored and served. */
    public String wire() {
        return wire;
    }

    /** The wire name, so that log lines and messages read as before. */
    @Override
    public String toString() {
        return wire;
    }
}
