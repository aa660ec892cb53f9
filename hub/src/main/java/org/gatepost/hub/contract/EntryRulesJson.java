package org.gatepost.hub.contract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and writes the rule fields of an entry ({@code docs/mqtt.md}, "Rule fields"). Thread safe. */
final class EntryRulesJson {
    /** The fields whose presence marks an entry of an agent that decides with lists. */
    static final List<String> FIELDS = List.of(
            "admitted",
            "direction",
            "reader",
            "person",
            "mask",
            "lists",
            "duty",
            "retest",
            "quota",
            "visitor",
            "override",
            "pass");

    static final Set<String> LISTS = Set.of("residents", "quarantine", "blocked", "badges", "policy", "passes");
    private static final Pattern PASS_ID = Pattern.compile("[0-9a-f]{16}");
    private static final Set<String> PASS_USES = Set.of("one", "many");
    private static final Set<String> DIRECTIONS = Set.of("in", "out");
    private static final Set<String> ROLES = Set.of(
            EntryRules.ROLE_RESIDENT,
            EntryRules.ROLE_STAFF,
            EntryRules.ROLE_VOLUNTEER,
            EntryRules.ROLE_UNKNOWN,
            EntryRules.ROLE_VISITOR);
    private static final Set<String> MASKS = Set.of("worn", "missing");
    private static final Set<String> QUOTA_PER = Set.of("person", "household");
    private static final Set<String> QUOTA_PERIODS = Set.of("day", "week");
    static final Set<String> OVERRIDE_REASONS =
            Set.of("medical-emergency", "official-duty", "thermometer-fault", "mask-provided", "other");
    private static final Pattern HASH = Pattern.compile("(v2:)?[0-9a-f]{64}");
    private static final Pattern PHONE = Pattern.compile("[0-9+][0-9 -]{2,23}");
    private static final int MAX_DUTY = 64;

    private EntryRulesJson() {}

    /** The rule fields, or null when the entry has none of them (an older agent's entry). */
    static EntryRules parse(JsonFields f, String decision) throws InvalidPayloadException {
        if (FIELDS.stream().noneMatch(f::has)) {
            return null;
        }
        boolean admitted = f.has("admitted") ? f.bool("admitted") : EntryMessage.DECISION_ADMIT.equals(decision);
        return new EntryRules(
                admitted,
                oneOfOrNull(f, "direction", DIRECTIONS),
                f.absentOrNull("reader") ? null : f.text("reader", ContractJson.MAX_TEXT),
                person(f),
                oneOfOrNull(f, "mask", MASKS),
                lists(f),
                f.absentOrNull("duty")
                        ? List.of()
                        : f.strings("duty", MAX_DUTY, HASH, "64 lowercase hex digits, or v2: and 64"),
                retest(f),
                quota(f),
                visitor(f),
                override(f),
                pass(f));
    }

    private static String oneOfOrNull(JsonFields f, String name, Set<String> values) throws InvalidPayloadException {
        if (f.absentOrNull(name)) {
            return null;
        }
        String v = f.text(name, ContractJson.MAX_TEXT);
        if (!values.contains(v)) {
            throw new InvalidPayloadException(f.name(name) + ": must be one of " + sorted(values) + " or null");
        }
        return v;
    }

    private static String oneOf(JsonFields f, String name, Set<String> values) throws InvalidPayloadException {
        String v = f.text(name, ContractJson.MAX_TEXT);
        if (!values.contains(v)) {
            throw new InvalidPayloadException(f.name(name) + ": must be one of " + sorted(values));
        }
        return v;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static EntryRules.Person person(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("person")) {
            return null;
        }
        JsonFields p = f.object("person");
        return new EntryRules.Person(
                oneOf(p, "role", ROLES),
                p.absentOrNull("household") ? null : p.text("household", ContractJson.MAX_TEXT),
                p.has("quarantined") && p.bool("quarantined"));
    }

    private static Map<String, Long> lists(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("lists")) {
            return null;
        }
        JsonFields l = f.object("lists");
        Map<String, Long> out = new LinkedHashMap<>();
        for (String name : l.fieldNames()) {
            if (!LISTS.contains(name)) {
                throw new InvalidPayloadException(l.name(name) + ": not a list (one of " + sorted(LISTS) + ")");
            }
            out.put(name, l.integer(name, 1, Bounds.MAX_INTEGER));
        }
        return out;
    }

    private static EntryRules.Retest retest(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("retest")) {
            return null;
        }
        JsonFields r = f.object("retest");
        return new EntryRules.Retest(
                r.absentOrNull("rest_s") ? null : r.integer("rest_s", 0, Bounds.MAX_REST_S),
                r.integer("first_seq", 1, Bounds.MAX_INTEGER),
                r.absentOrNull("first_body_c") ? null : r.number("first_body_c", Bounds.BODY_MIN_C, Bounds.BODY_MAX_C));
    }

    private static EntryRules.Quota quota(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("quota")) {
            return null;
        }
        JsonFields q = f.object("quota");
        return new EntryRules.Quota(
                oneOf(q, "per", QUOTA_PER),
                oneOf(q, "period", QUOTA_PERIODS),
                q.integer("count", Bounds.MIN_QUOTA_COUNT, Bounds.MAX_QUOTA_COUNT),
                q.integer("used", 0, Bounds.MAX_QUOTA_USED));
    }

    private static EntryRules.Visitor visitor(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("visitor")) {
            return null;
        }
        JsonFields v = f.object("visitor");
        return new EntryRules.Visitor(
                v.integer("of", 1, Bounds.MAX_INTEGER),
                v.text("name", ContractJson.MAX_TEXT),
                v.matching("phone", PHONE, "a phone number (digits, optional leading +)"),
                v.textOrEmpty("visiting", ContractJson.MAX_TEXT, false),
                v.textOrEmpty("reason", ContractJson.MAX_TEXT, false));
    }

    private static EntryRules.Pass pass(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("pass")) {
            return null;
        }
        JsonFields p = f.object("pass");
        return new EntryRules.Pass(
                p.matching("id", PASS_ID, "16 lowercase hex digits"),
                p.text("household", ContractJson.MAX_TEXT),
                oneOf(p, "uses", PASS_USES),
                p.instant("from"),
                p.instant("to"));
    }

    private static EntryRules.Override override(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("override")) {
            return null;
        }
        JsonFields o = f.object("override");
        return new EntryRules.Override(
                o.integer("of", 1, Bounds.MAX_INTEGER),
                oneOf(o, "reason", OVERRIDE_REASONS),
                o.matching("by", HASH, "64 lowercase hex digits, or v2: and 64"));
    }

    /** Adds the rule fields to an entry's canonical JSON. */
    static void write(ObjectNode n, EntryRules r) {
        n.put("admitted", r.admitted());
        n.put("direction", r.direction());
        n.put("reader", r.reader());
        if (r.person() == null) {
            n.putNull("person");
        } else {
            ObjectNode p = n.putObject("person");
            p.put("role", r.person().role());
            p.put("household", r.person().household());
            p.put("quarantined", r.person().quarantined());
        }
        n.put("mask", r.mask());
        if (r.lists() == null) {
            n.putNull("lists");
        } else {
            ObjectNode l = n.putObject("lists");
            for (String name : List.of("residents", "quarantine", "blocked", "badges", "policy", "passes")) {
                if (r.lists().containsKey(name)) {
                    l.put(name, r.lists().get(name));
                }
            }
        }
        var duty = n.putArray("duty");
        r.duty().forEach(duty::add);
        if (r.retest() != null) {
            ObjectNode o = n.putObject("retest");
            if (r.retest().restS() != null) {
                o.put("rest_s", r.retest().restS());
            }
            o.put("first_seq", r.retest().firstSeq());
            if (r.retest().firstBodyC() != null) {
                o.put("first_body_c", r.retest().firstBodyC());
            }
        }
        if (r.quota() != null) {
            ObjectNode o = n.putObject("quota");
            o.put("per", r.quota().per());
            o.put("period", r.quota().period());
            o.put("count", r.quota().count());
            o.put("used", r.quota().used());
        }
        if (r.visitor() != null) {
            ObjectNode o = n.putObject("visitor");
            o.put("of", r.visitor().of());
            o.put("name", r.visitor().name());
            o.put("phone", r.visitor().phone());
            o.put("visiting", r.visitor().visiting());
            o.put("reason", r.visitor().reason());
        }
        if (r.override() != null) {
            ObjectNode o = n.putObject("override");
            o.put("of", r.override().of());
            o.put("reason", r.override().reason());
            o.put("by", r.override().by());
        }
        if (r.pass() != null) {
            ObjectNode o = n.putObject("pass");
            o.put("id", r.pass().id());
            o.put("household", r.pass().household());
            o.put("uses", r.pass().uses());
            o.put("from", ContractJson.TIME_FORMAT.format(r.pass().from()));
            o.put("to", ContractJson.TIME_FORMAT.format(r.pass().to()));
        }
    }
}
