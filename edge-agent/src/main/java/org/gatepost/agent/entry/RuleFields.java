package org.gatepost.agent.entry;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rule fields of an entry ({@code docs/mqtt.md}, Rule fields). Immutable.
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

    /** The fields of an entry without a visitor pass. */
    public RuleFields(
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
            Override override) {
        this(admitted, direction, reader, person, mask, lists, duty, retest, quota, visitor, override, null);
    }

    /** The fields of an entry decided without lists, nobody on duty: admitted when the decision is admit. */
    public static RuleFields plain(Decision decision) {
        return new RuleFields(
                decision == Decision.ADMIT, null, null, null, null, null, List.of(), null, null, null, null);
    }

    /** Whether the person goes out (or the gate does not know the direction): exit rules apply. */
    public boolean goingOut() {
        return !IN.equals(direction);
    }

    public RuleFields withQuota(Quota q) {
        return new RuleFields(
                admitted, direction, reader, person, mask, lists, duty, retest, q, visitor, override, pass);
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
    }

    /** {@code per}: person or household; {@code period}: day or week; {@code used}: exits counted incl. this one. */
    public record Quota(String per, String period, int count, int used) {}

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
