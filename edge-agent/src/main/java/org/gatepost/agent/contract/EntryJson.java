package org.gatepost.agent.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;

/**
 * Writes an {@link Entry} as the schema-v1 JSON of {@code docs/mqtt.md}. Field names and their order are
 * the contract; {@code docs/contract/entry-*.json} are the examples. Thread safe.
 */
public final class EntryJson {
    public static final int SCHEMA_VERSION = 1;
    /** Always three fraction digits, always UTC: {@code 2026-11-28T08:16:40.000Z}. */
    public static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EntryJson() {}

    public static String toJson(Entry e) {
        EntryDraft d = e.draft();
        ObjectNode n = ContractJson.message();
        n.put("id", e.id());
        n.put("gate", e.gate());
        n.put("epoch", e.epoch());
        n.put("seq", e.seq());
        n.put("at", AT_FORMAT.format(d.at()));
        n.put("boot", d.boot());
        n.put("mono_ms", d.monoMs());
        n.put("clock_synced", d.clockSynced());
        if (d.credential() == null) {
            n.putNull("credential");
        } else {
            ObjectNode c = n.putObject("credential");
            c.put("kind", d.credential().kind());
            c.put("hash", d.credential().hash());
            c.put("masked", d.credential().masked());
        }
        if (d.temperature() == null) {
            n.putNull("temperature");
        } else {
            Temperature t = d.temperature();
            ObjectNode o = n.putObject("temperature");
            o.put("body_c", t.bodyC());
            o.put("object_c", t.objectC());
            if (Double.isNaN(t.ambientC())) { // no ambient sensor (Modbus, register -1)
                o.putNull("ambient_c");
            } else {
                o.put("ambient_c", t.ambientC());
            }
            o.put("offset_c", t.offsetC());
            o.put("samples", t.samples());
        }
        n.put("decision", d.decision().wire());
        n.put("threshold_c", d.thresholdC());
        writeRules(n, e.seq(), d.rules());
        if (d.health() != null) {
            ObjectNode h = n.putObject("health");
            h.put("colour", d.health().colour().wire());
            h.put("source", d.health().source());
            h.put("checked_at", AT_FORMAT.format(d.health().checkedAt()));
        }
        return ContractJson.text(n);
    }

    private static void writeRules(ObjectNode n, long seq, RuleFields r) {
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
            for (String name : ListNames.ALL) {
                Long v = r.lists().get(name);
                if (v != null) {
                    l.put(name, v);
                }
            }
        }
        ArrayNode duty = n.putArray("duty");
        r.duty().forEach(duty::add);
        if (r.retest() != null) {
            ObjectNode o = n.putObject("retest");
            if (r.retest().restS() != null) {
                o.put("rest_s", r.retest().restS());
            }
            o.put(
                    "first_seq",
                    r.retest().firstSeq() == RuleFields.Retest.SELF
                            ? seq
                            : r.retest().firstSeq());
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
            o.put("from", AT_FORMAT.format(r.pass().from()));
            o.put("to", AT_FORMAT.format(r.pass().to()));
        }
    }
}
