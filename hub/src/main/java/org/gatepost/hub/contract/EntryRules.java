package org.gatepost.hub.contract;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The rule fields of an entry ({@code docs/mqtt.md}, "Rule fields"): what the gate's lists said and did. An
 * entry of an older agent has none ({@link EntryMessage#rules()} is null). Carries hashes (duty, override's
 * {@code by}) that the hub resolves to names and never shows; the visitor's phone is personal data shown in full
 * only to operators.
 *
 * @param direction {@code in}, {@code out} or null
 * @param reader    the reader's configured name, or null
 * @param person    null for a measure-only entry or a gate without lists
 * @param mask      {@code worn}, {@code missing} or null
 * @param lists     list name to version; null when the gate has no lists
 * @param duty      badge hashes of those signed in at the gate; empty when nobody is
 * @param retest    null unless a retest or the entry deciding after one
 * @param quota     null unless an exit quota applies
 * @param visitor   null unless a {@code visitor} entry
 * @param override  null unless an {@code override} entry
 * @param pass      null unless the entry of a visitor pass whose signature verified at the gate
 */
public record EntryRules(
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
    public static final String ROLE_RESIDENT = "resident";
    public static final String ROLE_STAFF = "staff";
    public static final String ROLE_VOLUNTEER = "volunteer";
    public static final String ROLE_UNKNOWN = "unknown";
    public static final String ROLE_VISITOR = "visitor";

    public EntryRules {
        lists = lists == null ? null : Map.copyOf(lists);
        duty = duty == null ? List.of() : List.copyOf(duty);
    }

    /**
     * The visitor pass of an entry: its id, host household, {@code one} or {@code many} uses, validity window.
     * Never the visitor's name or phone (the hub has them in its {@code passes} table).
     */
    public record Pass(String id, String household, String uses, Instant from, Instant to) {}

    /** @param household the household key; on a visitor entry the visited household */
    public record Person(String role, String household, boolean quarantined) {}

    /** @param restS on the {@code retest} entry, else null; @param firstBodyC on the deciding entry, else null */
    public record Retest(Long restS, long firstSeq, Double firstBodyC) {}

    /** @param used exits counted in the period, this one included when admitted */
    public record Quota(String per, String period, long count, long used) {}

    /** @param of the {@code seq} of the {@code unknown} entry this resolves; @param phone the full number */
    public record Visitor(long of, String name, String phone, String visiting, String reason) {
        /** The phone with its middle hidden ({@code 138****5678}), as the live feed shows it. */
        public String maskedPhone() {
            return maskPhone(phone);
        }
    }

    /** @param of the {@code seq} of the denied entry; @param by the overriding volunteer's badge hash */
    public record Override(long of, String reason, String by) {}

    /** Keeps the first 3 and last 4 characters and hides the rest; a short number is hidden whole. */
    public static String maskPhone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() < 8) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }
}
