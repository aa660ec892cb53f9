package org.gatepost.agent.entry;

import java.util.Objects;

/**
 * A credential as it leaves the gate: its kind, the keyed hash of its number and a masked form for display.
 * Never holds the full number.
 */
public record Credential(String kind, String hash, String masked) {
    public static final String KIND_ID_CARD = "id-card";

    public Credential {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(masked, "masked");
    }
}
