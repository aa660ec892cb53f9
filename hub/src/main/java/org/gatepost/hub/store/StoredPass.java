package org.gatepost.hub.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One issued visitor pass as stored (table {@code passes}, migration V8). {@code visitorName} and
 * {@code visitorPhone} (masked) are the visitor's personal data.
 *
 * @param oneUse    {@code uses} {@code one}
 * @param revokedAt null unless revoked
 * @param uses      admit-visitor entries the hub received with this pass
 * @param lastUseAt the latest of those entries' {@code at}; null when none
 */
public record StoredPass(
        String id,
        String keyId,
        String visitorName,
        String visitorPhone,
        String household,
        Instant validFrom,
        Instant validTo,
        boolean oneUse,
        Instant issuedAt,
        String issuedBy,
        Instant revokedAt,
        String revokedBy,
        int uses,
        Instant lastUseAt) {
    public StoredPass {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(visitorName, "visitorName");
        Objects.requireNonNull(visitorPhone, "visitorPhone");
        Objects.requireNonNull(household, "household");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validTo, "validTo");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(issuedBy, "issuedBy");
    }

    public String usesWire() {
        return oneUse ? "one" : "many";
    }
}
