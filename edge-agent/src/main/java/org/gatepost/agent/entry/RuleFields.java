package org.gatepost.agent.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rule fields of an entry ({@code docs/mqtt.md}, Rule fields). Immutable; made by name with {@link #builder()}.
 *
 * @param admitted  whether the gate opened for the entry
 * @param direction {@code in}, {@code out} or null when the gate does not know
 * @param reader    the configured name of the reader; null for a measure-only entry
 * @param person    what the lists say about the credential; null without a credential or without lists
 * @param mask      {@code worn}, {@code missing}, or null when the gate does not check masks
 * @param lists     version of each list the decision used; null when the gate has none
 * @param duty      badge hashes of those on duty when the entry was made
 * @param retest    on a retest entry and on the entry that decides after the rest; else null
 * @param quota     when an exit quota applies; else null
 * @param visitor   on a visitor entry; else null
 * @param override  on an override entry; else null
 * @param pass      on an entry of a scanned visitor pass whose signature verified; else null
 */
public record RuleFields(
        boolean admitted,
        String direction,
        String reader,
        Person person,
        String mask,
        Map<String, Long> lists,
        List<String> duty,
        Retest retest,
        Quota quota,
        Visitor visitor,
        Override override,
        Pass pass) {
    public static final String IN = "in";
    public static final String OUT = "out";

    public RuleFields {
        if (direction != null && !direction.equals(IN) && !direction.equals(OUT)) {
            throw new IllegalArgumentException("direction must be in, out or null: " + direction);
        }
        lists = lists == null ? null : Map.copyOf(lists);
        duty = List.copyOf(Objects.requireNonNull(duty, "duty"));
    }

    /** The fields of an entry decided without lists, nobody on duty: admitted when the decision is admit. */
    public static RuleFields plain(Decision decision) {
        return builder().admitted(decision == Decision.ADMIT).build();
    }

    /** Fields named one by one; every field not named is null, {@code admitted} false and nobody on duty. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the person goes out (or the gate does not know the direction): exit rules apply. */
    public boolean goingOut() {
        return !IN.equals(direction);
    }

    /** Collects the fields by name; see the record's parameters for what each means. Not thread safe. */
    public static final class Builder {
        private boolean admitted;
        private String direction;
        private String reader;
        private Person person;
        private String mask;
        private Map<String, Long> lists;
        private List<String> duty = List.of();
        private Retest retest;
        private Quota quota;
        private Visitor visitor;
        private Override override;
        private Pass pass;

        private Builder() {}

        public Builder admitted(boolean admitted) {
            this.admitted = admitted;
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

        public Builder person(Person person) {
            this.person = person;
            return this;
        }

        public Builder mask(String mask) {
            this.mask = mask;
            return this;
        }

        public Builder lists(Map<String, Long> lists) {
            this.lists = lists;
            return this;
        }

        public Builder duty(List<String> duty) {
            this.duty = duty;
            return this;
        }

        public Builder retest(Retest retest) {
            this.retest = retest;
            return this;
        }

        public Builder quota(Quota quota) {
            this.quota = quota;
            return this;
        }

        public Builder visitor(Visitor visitor) {
            this.visitor = visitor;
            return this;
        }

        public Builder override(Override override) {
            this.override = override;
            return this;
        }

        public Builder pass(Pass pass) {
            this.pass = pass;
            return this;
        }

        public RuleFields build() {
            return new RuleFields(
                    admitted, direction, reader, person, mask, lists, duty, retest, quota, visitor, override, pass);
        }
    }

    /** {@code role}: resident, staff, volunteer, unknown or visitor. */
    public record Person(String role, String household, boolean quarantined) {
        public static final String VISITOR = "visitor";

        public Person {
            Objects.requireNonNull(role, "role");
        }
    }

    /**
     * The retest object. On a retest entry {@code restS} is set and {@code firstSeq} is the first reading's entry
     * ({@link #SELF}: this entry's own seq, known only once stored); on the deciding entry {@code restS} is null
     * and {@code firstBodyC} is the first reading.
     */
    public record Retest(Long restS, long firstSeq, Double firstBodyC) {
        public static final long SELF = 0;

        /** On a retest entry: the rest in seconds before the re-measure, and the first reading's entry. */
        public static Retest resting(long restS, long firstSeq) {
            return new Retest(restS, firstSeq, null);
        }

        /** On the entry that decides after the rest: the first reading's entry and its body temperature. */
        public static Retest decided(long firstSeq, double firstBodyC) {
            return new Retest(null, firstSeq, firstBodyC);
        }
    }

    /** {@code per}: person or household; {@code period}: day or week; {@code used}: exits counted incl. this one. */
    public record Quota(String per, String period, int count, int used) {
        /** This quota with the entry's own exit counted: {@code used} + 1. */
        public Quota withThisExit() {
            return new Quota(per, period, count, used + 1);
        }
    }

    /** What a volunteer registered for the unknown entry {@code of}. */
    public record Visitor(long of, String name, String phone, String visiting, String reason) {}

    /**
     * The visitor pass of the entry: its id, host household, uses ({@code one} or {@code many}) and validity
     * window. Never the visitor's name or phone.
     */
    public record Pass(String id, String household, String uses, Instant from, Instant to) {
        public Pass {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(household, "household");
            Objects.requireNonNull(uses, "uses");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
        }
    }

    /** The denied entry {@code of}, the reason code and the badge hash of the volunteer who gave it. */
    public record Override(long of, String reason, String by) {}
}
