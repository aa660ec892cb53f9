package org.gatepost.hub.contract;

import java.time.Instant;

/**
 * One validated schema-v1 entry as the hub receives it. Holds no full ID number: the contract carries
 * only the credential's hash and masked form.
 *
 * @param credential  null for a measure-only entry
 * @param temperature null when the gate had no valid reading
 * @param thresholdC  fever threshold in °C in force at the gate
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
        double thresholdC) {

    public static final String DECISION_ADMIT = "admit";
    public static final String DECISION_DENY_FEVER = "deny-fever";
    public static final String DECISION_NO_READING = "no-reading";

    /** @param hash lowercase hex HMAC-SHA256; @param masked the operator-visible form, e.g. {@code 110105********002X} */
    public record Credential(String kind, String hash, String masked) {
    }

    /** Temperatures in °C; {@code samples} is the number of valid readings the medians used. */
    public record Temperature(double bodyC, double objectC, double ambientC, double offsetC, int samples) {
    }
}
