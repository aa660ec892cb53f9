package org.gatepost.agent.entry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes an {@link Entry} as the schema-v1 JSON of {@code docs/mqtt.md}. Field names and their order are
 * the contract; {@code docs/contract/entry-*.json} are the examples. Thread safe.
 */
public final class EntryJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Always three fraction digits, always UTC: {@code 2026-11-28T08:16:40.000Z}. */
    public static final DateTimeFormatter AT_FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EntryJson() {
    }

    public static String toJson(Entry e) {
        EntryDraft d = e.draft();
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", SCHEMA_VERSION);
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
            o.put("ambient_c", t.ambientC());
            o.put("offset_c", t.offsetC());
            o.put("samples", t.samples());
        }
        n.put("decision", d.decision().wire());
        n.put("threshold_c", d.thresholdC());
        try {
            return MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot happen for a tree of plain values", ex);
        }
    }
}
