package org.gatepost.agent.entry;

/**
 * What the gate decided for one person. {@link #wire()} is the value in the entry's {@code decision} field; the
 * order of the values is the precedence of {@code docs/mqtt.md} (Rule fields): the first that applies wins.
 */
public enum Decision {
    /** A volunteer or staff badge signed in: green blink, no relay; not a passage. */
    SIGN_IN("sign-in"),
    /** A volunteer or staff badge signed out: green blink, no relay; not a passage. */
    SIGN_OUT("sign-out"),
    /** No valid temperature reading in the window: red light; the entry is still recorded. */
    NO_READING("no-reading"),
    /** A fever reading that does not decide yet: the person rests and is measured again; red, two short beeps. */
    RETEST("retest"),
    /** Body temperature at or above the threshold: red light, buzzer. */
    DENY_FEVER("deny-fever"),
    /** The health check's colour denies: red, or yellow / unknown as configured ({@code docs/health.md}). */
    DENY_HEALTH("deny-health"),
    /** A scanned visitor pass that is not signed by the hub's key (forged, altered or malformed). */
    DENY_PASS_FORGED("deny-pass-forged"),
    /** A visitor pass the hub revoked. */
    DENY_PASS_REVOKED("deny-pass-revoked"),
    /** A visitor pass outside its validity window (expired, or not valid yet). */
    DENY_PASS_EXPIRED("deny-pass-expired"),
    /** A one-use visitor pass used already (at this gate, or at another as the hub's list says). */
    DENY_PASS_USED("deny-pass-used"),
    /** A home-quarantined person (or household) going out. */
    DENY_QUARANTINE("deny-quarantine"),
    /** The person's household is blocked. */
    DENY_BLOCKED("deny-blocked"),
    /** The credential is neither a resident nor a badge. */
    UNKNOWN("unknown"),
    /** Going out outside the exit windows or with the period's exits used up. */
    DENY_QUOTA("deny-quota"),
    /** Mask must be worn and was not confirmed. */
    DENY_MASK("deny-mask"),
    /** A volunteer registered the person of an {@code unknown} entry. */
    VISITOR("visitor"),
    /** A volunteer let the person of a denied entry through. */
    OVERRIDE("override"),
    /** A valid visitor pass: the visitor is let in to the host household. */
    ADMIT_VISITOR("admit-visitor"),
    /** Everything else: green light, relay pulse. */
    ADMIT("admit");

    private final String wire;

    Decision(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Whether the hub must hear of it at once: such entries go out ahead of a backlog (the alert lane). */
    public boolean alert() {
        return this == DENY_FEVER || this == DENY_QUARANTINE;
    }

    /** Whether a policy with soft enforcement opens the gate for it (and records it as decided). */
    public boolean softenable() {
        return this == DENY_FEVER || this == DENY_QUARANTINE || this == DENY_BLOCKED || this == DENY_QUOTA;
    }

    public static Decision fromWire(String wire) {
        for (Decision d : values()) {
            if (d.wire.equals(wire)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown decision: " + wire);
    }
}
