package org.gatepost.hub.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.DeadLetterView;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.GateView;

/** The API's JSON shapes (snake_case, times as UTC text with milliseconds, absent values as null). */
final class JsonViews {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** A credential hash (64 hex digits) never leaves through the API, not even inside a dead letter. */
    private static final Pattern HASH = Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])");
    /** A mainland mobile number (a visitor's phone) shows masked in a dead letter, as in the live feed. */
    private static final Pattern MOBILE = Pattern.compile("(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])");

    private JsonViews() {}

    static ObjectNode gate(GateView g) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", g.gate());
        n.put("state", g.state());
        n.put("reason", g.reason());
        n.put("boot", g.boot());
        n.put("epoch", g.epoch());
        n.put("last_status_at", time(g.lastStatusAt()));
        n.put("last_entry_at", time(g.lastEntryAt()));
        n.put("entry_count", g.entryCount());
        n.put("entries_today", g.entriesSince());
        n.put("acked_up_to", g.ackedUpTo());
        n.put("open_alerts", g.openAlerts());
        return n;
    }

    /** An entry without badge names and with the visitor's phone masked. */
    static ObjectNode entry(EntryView e) {
        return entry(e, hash -> Optional.empty(), false);
    }

    /** An entry with its rule fields ({@link RuleViews}); {@code fullPhone} only for operators' detail views. */
    static ObjectNode entry(EntryView e, BadgeNames names, boolean fullPhone) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", e.id());
        n.put("gate", e.gate());
        n.put("epoch", e.epoch());
        n.put("seq", e.seq());
        n.put("at", time(e.at()));
        n.put("received_at", time(e.receivedAt()));
        n.put("clock_synced", e.clockSynced());
        n.put("delay_ms", e.delayMs());
        n.put("late", e.late());
        if (e.credentialKind() == null) {
            n.putNull("credential");
        } else {
            ObjectNode c = n.putObject("credential");
            c.put("kind", e.credentialKind());
            c.put("masked", e.credentialMasked());
        }
        ContractJson.putTemperature(n, e.temperature());
        n.put("decision", e.decision());
        n.put("threshold_c", e.thresholdC());
        RuleViews.into(n, e, names, fullPhone);
        if (e.health() == null) {
            n.putNull("health");
        } else {
            ObjectNode h = n.putObject("health");
            h.put("colour", e.health().colour());
            h.put("source", e.health().source());
            h.put("checked_at", time(e.health().checkedAt()));
        }
        return n;
    }

    static ObjectNode alert(AlertView a) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", a.id());
        n.put("kind", a.kind());
        n.put("severity", a.severity());
        n.put("gate", a.gate());
        n.put("entry_id", a.entryId());
        n.put("message", a.message());
        n.put("raised_at", time(a.raisedAt()));
        n.put("acknowledged_at", time(a.acknowledgedAt()));
        n.put("acknowledged_by", a.acknowledgedBy());
        n.put("resolved_at", time(a.resolvedAt()));
        return n;
    }

    /** Adds a gate's latest heartbeat to its {@link #gate} object; every field is null without one. */
    static ObjectNode health(ObjectNode n, GateHealth h) {
        n.put("last_heartbeat_at", h == null ? null : time(h.receivedAt()));
        n.put("backlog", h == null ? null : h.backlog());
        n.put("oldest_unsent_age_s", h == null ? null : h.oldestUnsentAgeS());
        n.put("unrecorded", h == null ? null : h.unrecorded());
        n.put("store_used_pct", h == null ? null : h.storeUsedPct());
        n.put("store_error", h == null ? null : h.storeError());
        n.put("clock_synced", h == null ? null : h.clockSynced());
        try {
            n.set("lists", h == null || h.listsJson() == null ? null : MAPPER.readTree(h.listsJson()));
            n.set("devices", h == null ? null : MAPPER.readTree(h.devicesJson()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored devices are not JSON for gate " + h.gate(), e);
        }
        return n;
    }

    static ObjectNode deadLetter(DeadLetterView d) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("id", d.id());
        n.put("topic", d.topic());
        n.put("reason", d.reason());
        n.put("received_at", time(d.receivedAt()));
        n.put("payload_bytes", d.payloadBytes());
        n.put(
                "payload_preview",
                MOBILE.matcher(HASH.matcher(d.payloadPreview()).replaceAll("(hash hidden)"))
                        .replaceAll("$1****$3"));
        return n;
    }

    static String time(Instant t) {
        return t == null ? null : ContractJson.TIME_FORMAT.format(t);
    }
}
