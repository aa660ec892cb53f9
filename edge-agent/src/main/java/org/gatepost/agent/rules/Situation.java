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

    /** A situation at {@code now} under {@code lists}; the rest is the {@link Builder}'s, each empty by default. */
    public static Builder builder(GateLists lists, Instant now) {
        return new Builder(lists, now);
    }

    /**
     * Names each part of a {@link Situation}. By default: no credential or reader, no temperature, no direction, no
     * mask confirmed, nobody on duty, no visitor pass.
     */
    public static final class Builder {
        private final GateLists lists;
        private final Instant now;
        private Credential credential;
        private String reader;
        private Temperature temperature;
        private String direction;
        private boolean maskConfirmed;
        private List<String> duty = List.of();
        private PassCheck.Result pass;

        private Builder(GateLists lists, Instant now) {
            this.lists = lists;
            this.now = now;
        }

        /** The credential presented and the configured name of the reader it came from. */
        public Builder credential(Credential credential, String reader) {
            this.credential = credential;
            this.reader = reader;
            return this;
        }

        public Builder temperature(Temperature temperature) {
            this.temperature = temperature;
            return this;
        }

        public Builder direction(String direction) {
            this.direction = direction;
            return this;
        }

        public Builder maskConfirmed(boolean maskConfirmed) {
            this.maskConfirmed = maskConfirmed;
            return this;
        }

        public Builder duty(List<String> duty) {
            this.duty = duty;
            return this;
        }

        public Builder pass(PassCheck.Result pass) {
            this.pass = pass;
            return this;
        }

        public Situation build() {
            return new Situation(credential, reader, temperature, direction, maskConfirmed, lists, now, duty, pass);
        }
    }

    public Situation withMaskConfirmed() {
        return new Situation(credential, reader, temperature, direction, true, lists, now, duty, pass);
    }
}
