package org.gatepost.agent.pass;

import java.time.Instant;
import java.util.Objects;

/**
 * The signed content of a visitor pass ({@code docs/mqtt.md}, Visitor passes): what the hub put in the QR code.
 * {@code name} and {@code phone} are the visitor's personal data (the phone masked by the hub); they are shown on
 * the gate's console and never published by the gate.
 *
 * @param id        the pass id, 16 lowercase hex digits
 * @param key       the id of the hub key that signed it
 * @param household the host household
 * @param from      valid from (inclusive)
 * @param to        valid until (exclusive)
 * @param oneUse    {@code uses} {@code one}: the pass admits once in the whole community
 */
public record PassToken(
        String id, String key, String household, Instant from, Instant to, boolean oneUse, String name, String phone) {
    public PassToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(household, "household");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(phone, "phone");
    }

    /** {@code one} or {@code many}, as in the token and the entry. */
    public String uses() {
        return oneUse ? "one" : "many";
    }

    @Override
    public String toString() {
        return "PassToken[id=" + id + " key=" + key + " household=" + household + " from=" + from + " to=" + to
                + " uses=" + uses() + "]";
    }
}
