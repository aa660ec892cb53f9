package org.gatepost.agent.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.pass.PassCheck;

/**
 * Everything one decision depends on, gathered when a measuring window closes.
 *
 * @param credential    null for a measure-only entry
 * @param reader        the reader's configured name; null without a credential
 * @param temperature   null when no valid reading arrived
 * @param direction     {@code in}, {@code out} or null
 * @param maskConfirmed whether a volunteer confirmed the mask for this person
 * @param duty          badge hashes on duty now
 * @param pass          the check of a scanned visitor pass; null for any other credential
 */
public record Situation(
        Credential credential,
        String reader,
        Temperature temperature,
        String direction,
        boolean maskConfirmed,
        GateLists lists,
        Instant now,
        List<String> duty,
        PassCheck.Result pass) {
    public Situation {
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(now, "now");
        duty = List.copyOf(duty);
    }

    /** A situation without a visitor pass. */
    public Situation(
            Credential credential,
            String reader,
            Temperature temperature,
            String direction,
            boolean maskConfirmed,
            GateLists lists,
            Instant now,
            List<String> duty) {
        this(credential, reader, temperature, direction, maskConfirmed, lists, now, duty, null);
    }

    public Situation withMaskConfirmed() {
        return new Situation(credential, reader, temperature, direction, true, lists, now, duty, pass);
    }
}
