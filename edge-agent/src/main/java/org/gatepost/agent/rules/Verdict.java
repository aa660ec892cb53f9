package org.gatepost.agent.rules;

import java.util.Objects;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.RuleFields;

/**
 * A decision with its rule fields, and what the gate does besides committing it. Made with {@link #of} and, for
 * what the gate does besides, {@link #startingRetest()}, {@link #endingRetest} and {@link #withMaskReminder}.
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

    /** A verdict the gate commits and signals, and nothing besides: no retest starts or ends, no mask reminder. */
    public static Verdict of(Decision decision, double thresholdC, RuleFields fields) {
        return new Verdict(decision, thresholdC, fields, false, false, false);
    }

    /** This verdict as a first fever reading: the gate remembers a pending retest after the commit. */
    public Verdict startingRetest() {
        return new Verdict(decision, thresholdC, fields, true, endsRetest, maskReminder);
    }

    /** This verdict, ending the pending retest when {@code ends} (it is the reading that decided after the rest). */
    public Verdict endingRetest(boolean ends) {
        return new Verdict(decision, thresholdC, fields, startsRetest, ends, maskReminder);
    }

    /** This verdict, giving the mask reminder beeps when {@code remind}. */
    public Verdict withMaskReminder(boolean remind) {
        return new Verdict(decision, thresholdC, fields, startsRetest, endsRetest, remind);
    }

    /** A failing rule let through under soft enforcement: the gate opens and sounds the deny buzzer. */
    public boolean softAdmitted() {
        return fields.admitted() && decision.softenable();
    }
}
