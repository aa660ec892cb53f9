package org.gatepost.agent.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gatepost.agent.entry.RuleFields;

/**
 * What the volunteer console ({@code org.gatepost.agent.console}) may see and do at the gate. Implemented by the
 * checkpoint; every action that changes anything commits a new entry (see {@code docs/mqtt.md}, Rule fields)
 * before it signals. Thread safe; actions return at once with the outcome; none throws for a refused action.
 */
public interface VolunteerDesk {

    /** The most recent entries at this gate, newest first, at most {@code limit}. */
    List<ScanView> recentScans(int limit);

    /** Volunteers and staff signed in now, earliest first. */
    List<OnDuty> onDuty();

    /**
     * Registers the person of the {@code unknown} entry {@code unknownSeq} (made within the last 5 minutes) as a
     * visitor: a {@code visitor} entry, gate opened. Refused when that entry is not an {@code unknown} one, is too
     * old, was already resolved, or a field is invalid (name 1–40 characters, phone 5–20 digits with an optional
     * leading +, visiting a household key, reason 1–100 characters).
     */
    ActionResult registerVisitor(long unknownSeq, VisitorForm form);

    /**
     * Lets the person of the denied entry {@code deniedSeq} (made within the last 2 minutes) through: an
     * {@code override} entry with {@code reasonCode} and the badge of {@code byBadgeHash}, who must be on duty.
     */
    ActionResult override(long deniedSeq, String reasonCode, String byBadgeHash);

    /**
     * The volunteer confirms a mask: counts for the person being measured now or presenting a credential within
     * the next 5 s; within 60 s after a {@code deny-mask} entry it decides that person again.
     */
    ActionResult confirmMask();

    /** The next badge presented within 30 s signs in ({@code in}) or out ({@code out}). */
    ActionResult armDuty(boolean in);

    /** Reason codes an override accepts, in display order. */
    List<String> overrideReasons();

    /** One entry as the console shows it. Nullable: every field but {@code seq}, {@code at}, {@code decision}. */
    record ScanView(
            long seq,
            Instant at,
            String decision,
            boolean admitted,
            String masked,
            String name,
            String household,
            String role,
            Double bodyC,
            Double thresholdC,
            String mask,
            String direction,
            String reader,
            boolean quarantined,
            String note,
            RuleFields.Pass pass) {
        public ScanView {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(decision, "decision");
        }

        /** A scan numbered {@code seq}, made {@code at}, with {@code decision}; the rest is the {@link Builder}'s. */
        public static Builder builder(long seq, Instant at, String decision) {
            return new Builder(seq, at, decision);
        }

        /** Names each part of a {@link ScanView}; by default none is set (null, or false). */
        public static final class Builder {
            private final long seq;
            private final Instant at;
            private final String decision;
            private boolean admitted;
            private String masked;
            private String name;
            private String household;
            private String role;
            private Double bodyC;
            private Double thresholdC;
            private String mask;
            private String direction;
            private String reader;
            private boolean quarantined;
            private String note;
            private RuleFields.Pass pass;

            private Builder(long seq, Instant at, String decision) {
                this.seq = seq;
                this.at = at;
                this.decision = decision;
            }

            public Builder admitted(boolean admitted) {
                this.admitted = admitted;
                return this;
            }

            public Builder masked(String masked) {
                this.masked = masked;
                return this;
            }

            public Builder name(String name) {
                this.name = name;
                return this;
            }

            public Builder household(String household) {
                this.household = household;
                return this;
            }

            public Builder role(String role) {
                this.role = role;
                return this;
            }

            public Builder bodyC(Double bodyC) {
                this.bodyC = bodyC;
                return this;
            }

            public Builder thresholdC(Double thresholdC) {
                this.thresholdC = thresholdC;
                return this;
            }

            public Builder mask(String mask) {
                this.mask = mask;
                return this;
            }

            public Builder direction(String direction) {
                this.direction = direction;
                return this;
            }

            public Builder reader(String reader) {
                this.reader = reader;
                return this;
            }

            public Builder quarantined(boolean quarantined) {
                this.quarantined = quarantined;
                return this;
            }

            public Builder note(String note) {
                this.note = note;
                return this;
            }

            public Builder pass(RuleFields.Pass pass) {
                this.pass = pass;
                return this;
            }

            public ScanView build() {
                return new ScanView(
                        seq,
                        at,
                        decision,
                        admitted,
                        masked,
                        name,
                        household,
                        role,
                        bodyC,
                        thresholdC,
                        mask,
                        direction,
                        reader,
                        quarantined,
                        note,
                        pass);
            }
        }
    }

    /** A signed-in volunteer or staff member. */
    record OnDuty(String badgeHash, String masked, String name, String role, Instant since) {}

    /** A visitor's registration as the volunteer typed it. */
    record VisitorForm(String name, String phone, String visiting, String reason) {}

    /** What became of an action: {@code ok}, and when it committed an entry its {@code seq}; else why not. */
    record ActionResult(boolean ok, long seq, String message) {
        public static ActionResult done(long seq, String message) {
            return new ActionResult(true, seq, message);
        }

        public static ActionResult refused(String message) {
            return new ActionResult(false, 0, message);
        }
    }
}
