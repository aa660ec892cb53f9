package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.store.EntryView;

/**
 * The rule fields of an entry as the API shows them ({@code docs/api.md}, Entries). Badge hashes ({@code duty},
 * {@code override.by}) become names from the badges list ({@value #UNLISTED} when not on it) and never leave; the
 * visitor's phone is masked ({@code 138****5678}) unless the caller may see it in full (operators, in the entry
 * detail and the export). Stateless.
 */
final class RuleViews {
    static final String UNLISTED = "unlisted badge";

    private RuleViews() {}

    static void into(ObjectNode n, EntryView e, BadgeNames names, boolean fullPhone) {
        EntryRules r = e.rules();
        n.put("admitted", e.admitted());
        n.put("direction", r == null ? null : r.direction());
        n.put("reader", r == null ? null : r.reader());
        if (r == null || r.person() == null) {
            n.putNull("person");
        } else {
            n.putObject("person")
                    .put("role", r.person().role())
                    .put("household", r.person().household())
                    .put("quarantined", r.person().quarantined());
        }
        n.put("mask", r == null ? null : r.mask());
        if (r == null || r.lists() == null) {
            n.putNull("lists");
        } else {
            ObjectNode l = n.putObject("lists");
            r.lists().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(x -> l.put(x.getKey(), x.getValue()));
        }
        ArrayNode duty = n.putArray("duty");
        dutyNames(e, names).forEach(duty::add);
        if (r == null || r.retest() == null) {
            n.putNull("retest");
        } else {
            n.putObject("retest")
                    .put("rest_s", r.retest().restS())
                    .put("first_seq", r.retest().firstSeq())
                    .put("first_body_c", r.retest().firstBodyC());
        }
        if (r == null || r.quota() == null) {
            n.putNull("quota");
        } else {
            EntryRules.Quota q = r.quota();
            n.putObject("quota")
                    .put("per", q.per())
                    .put("period", q.period())
                    .put("count", q.count())
                    .put("used", q.used());
        }
        if (r == null || r.visitor() == null) {
            n.putNull("visitor");
        } else {
            EntryRules.Visitor v = r.visitor();
            n.putObject("visitor")
                    .put("of", v.of())
                    .put("name", v.name())
                    .put("phone_masked", v.maskedPhone())
                    .put("phone", fullPhone ? v.phone() : null)
                    .put("visiting", v.visiting())
                    .put("reason", v.reason());
        }
        if (r == null || r.override() == null) {
            n.putNull("override");
        } else {
            EntryRules.Override o = r.override();
            n.putObject("override").put("of", o.of()).put("reason", o.reason()).put("by", name(o.by(), names));
        }
    }

    /** The names of those on duty, in the entry's order. */
    static List<String> dutyNames(EntryView e, BadgeNames names) {
        List<String> out = new ArrayList<>();
        if (e.rules() != null) {
            e.rules().duty().forEach(h -> out.add(name(h, names)));
        }
        return out;
    }

    static String name(String badgeHash, BadgeNames names) {
        return names.name(badgeHash).orElse(UNLISTED);
    }
}
