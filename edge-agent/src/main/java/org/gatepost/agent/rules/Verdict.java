package org.gatepost.agent.rules;

import java.util.Objects;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.RuleFields;

/**
 * A decision with its rule fields, and what the gate does besides committing it.
 *
 * @param thresholdC   the threshold in force
 * @param startsRetest a first fever reading: after the commit, remember a pending retest for the credential
 * @param endsRetest   the reading that decided after the rest: forget the pending retest
 * @param maskReminder admitted with the mask missing under a reminder policy: the gate gives the reminder beeps
 */
public record Verdict(
        Decision decision,
        double thresholdC,
        RuleFields fields,
        boolean startsRetest,
        boolean endsRetest,
        boolean maskReminder) {
    public Verdict {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(fields, "fields");
    }

    /** A failing rule let through under soft enforcement: the gate opens and sounds the deny buzzer. */
    public boolean softAdmitted() {
        return fields.admitted() && decision.softenable();
    }
}
