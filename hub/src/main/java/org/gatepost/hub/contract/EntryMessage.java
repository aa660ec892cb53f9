package org.gatepost.hub.contract;

import java.time.Instant;
import java.util.Set;

/**
 * One validated schema-v1 entry as the hub receives it. Holds no full ID number: the contract carries
 * only the credential's hash and masked form.
 *
 * @param credential  null for a measure-only entry
 * @param temperature null when the gate had no valid reading
 * @param thresholdC  fever threshold in °C in force at the gate
 * @param rules       the rule fields, or null for an entry of an agent without lists (then {@link #admitted()} is
 *                    {@code decision == admit})
 * @param health      the health check's colour, source and time ({@code docs/health.md}); null when the gate made none
 */
public record EntryMessage(
        String id,
        String gate,
        String epoch,
        long seq,
        Instant at,
        String boot,
        long monoMs,
        boolean clockSynced,
        Credential credential,
        Temperature temperature,
        String decision,
        double thresholdC,
        EntryRules rules,
        Health health) {

    public static final String DECISION_ADMIT = "admit";
    public static final String DECISION_DENY_FEVER = "deny-fever";
    public static final String DECISION_NO_READING = "no-reading";
    public static final String DECISION_SIGN_IN = "sign-in";
    public static final String DECISION_SIGN_OUT = "sign-out";
    public static final String DECISION_RETEST = "retest";
    public static final String DECISION_DENY_QUARANTINE = "deny-quarantine";
    public static final String DECISION_DENY_BLOCKED = "deny-blocked";
    public static final String DECISION_UNKNOWN = "unknown";
    public static final String DECISION_DENY_QUOTA = "deny-quota";
    public static final String DECISION_DENY_MASK = "deny-mask";
    public static final String DECISION_VISITOR = "visitor";
    public static final String DECISION_OVERRIDE = "override";
    public static final String DECISION_ADMIT_VISITOR = "admit-visitor";
    public static final String DECISION_DENY_PASS_FORGED = "deny-pass-forged";
    public static final String DECISION_DENY_PASS_REVOKED = "deny-pass-revoked";
    public static final String DECISION_DENY_PASS_EXPIRED = "deny-pass-expired";
    public static final String DECISION_DENY_PASS_USED = "deny-pass-used";
    public static final String DECISION_DENY_HEALTH = "deny-health";
    /** Every {@code decision} value of the contract. */
    public static final Set<String> DECISIONS = Set.of(
            DECISION_ADMIT,
            DECISION_DENY_FEVER,
            DECISION_NO_READING,
            DECISION_SIGN_IN,
            DECISION_SIGN_OUT,
            DECISION_RETEST,
            DECISION_DENY_QUARANTINE,
            DECISION_DENY_BLOCKED,
            DECISION_UNKNOWN,
            DECISION_DENY_QUOTA,
            DECISION_DENY_MASK,
            DECISION_VISITOR,
            DECISION_OVERRIDE,
            DECISION_DENY_HEALTH,
            DECISION_ADMIT_VISITOR,
            DECISION_DENY_PASS_FORGED,
            DECISION_DENY_PASS_REVOKED,
            DECISION_DENY_PASS_EXPIRED,
            DECISION_DENY_PASS_USED);

    /** Whether the gate opened: the {@code admitted} field, or {@code decision == admit} for an older agent. */
    public boolean admitted() {
        return rules == null ? DECISION_ADMIT.equals(decision) : rules.admitted();
    }

    /**
     * What an entry records of a health check, and nothing else of it.
     *
     * @param colour    {@code green}, {@code yellow}, {@code red} or {@code unknown}
     * @param source    {@code volunteer} or the gate's {@code health.source}, e.g. {@code simulated}
     * @param checkedAt when the answer arrived, or when the gate stopped waiting ({@code unknown})
     */
    public record Health(String colour, String source, Instant checkedAt) {
        public static final Set<String> COLOURS = Set.of("green", "yellow", "red", "unknown");
    }

    /** @param hash lowercase hex HMAC-SHA256; @param masked the operator-visible form, e.g. {@code 110105********002X} */
    public record Credential(String kind, String hash, String masked) {}

    /**
     * Temperatures in °C; {@code samples} is the number of valid readings the medians used. {@code ambientC} is null
     * when the thermometer has no ambient sensor (a Modbus thermometer without an ambient register).
     */
    public record Temperature(double bodyC, double objectC, Double ambientC, double offsetC, int samples) {}
}
