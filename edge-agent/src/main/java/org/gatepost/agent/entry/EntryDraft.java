package org.gatepost.agent.entry;

import java.time.Instant;
import java.util.Objects;

/**
 * An entry as decided, before the store gives it a sequence number.
 *
 * @param at          wall-clock time of the decision
 * @param boot        id of this agent process run
 * @param monoMs      monotonic milliseconds since the process started
 * @param clockSynced whether the wall clock was believed synchronised
 * @param credential  null for a measure-only entry
 * @param temperature null when no valid reading arrived
 * @param rules       the rule fields ({@code docs/mqtt.md}, Rule fields)
 * @param health      the health check's colour, source and time; null when the gate made none (the entry has no
 *                    {@code health} object)
 */
public record EntryDraft(
        Instant at,
        String boot,
        long monoMs,
        boolean clockSynced,
        Credential credential,
        Temperature temperature,
        Decision decision,
        double thresholdC,
        RuleFields rules,
        HealthStatus health) {
    public EntryDraft {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(rules, "rules");
    }
}
