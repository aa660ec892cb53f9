package org.gatepost.agent.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.gatepost.agent.checkpoint.VolunteerDesk;
import org.gatepost.agent.checkpoint.VolunteerDesk.OnDuty;
import org.gatepost.agent.checkpoint.VolunteerDesk.ScanView;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.device.idcard.IdNumbers;
import org.gatepost.agent.uplink.UplinkState;

/**
 * The body of {@code GET /api/state} ({@code docs/console.md}): recent scans newest first, who is on duty, the
 * override reasons, devices, hub connection and list versions. Stateless; reads the desk and the status once per
 * call.
 */
final class StateJson {
    static final int RECENT = 12;

    private final ObjectMapper json;
    private final VolunteerDesk desk;
    private final ConsoleStatus status;

    StateJson(ObjectMapper json, VolunteerDesk desk, ConsoleStatus status) {
        this.json = json;
        this.desk = desk;
        this.status = status;
    }

    ObjectNode build(Instant now) {
        ObjectNode root = json.createObjectNode();
        root.put("gate", status.gateId());
        root.put("now", now.toString());
        ArrayNode scans = root.putArray("scans");
        for (ScanView s : desk.recentScans(RECENT)) {
            scans.add(scan(s));
        }
        ArrayNode duty = root.putArray("on_duty");
        for (OnDuty d : desk.onDuty()) {
            ObjectNode n = duty.addObject();
            n.put("badge", d.badgeHash());
            n.put("masked", safeMasked(d.masked()));
            n.put("name", d.name());
            n.put("role", d.role());
            n.put("since", d.since() == null ? null : d.since().toString());
        }
        ArrayNode reasons = root.putArray("override_reasons");
        desk.overrideReasons().forEach(reasons::add);
        ArrayNode devices = root.putArray("devices");
        for (DeviceReport r : status.devices()) {
            DeviceHealth h = r.health();
            ObjectNode n = devices.addObject();
            n.put("name", h.device());
            n.put("kind", r.kind());
            n.put("state", h.state().wire());
            n.put("last_error", h.lastError());
            n.put(
                    "last_frame_at",
                    h.lastFrameAt() == null ? null : h.lastFrameAt().toString());
        }
        UplinkState u = status.uplink();
        ObjectNode hub = root.putObject("hub");
        HubPresence presence = status.hub(now);
        hub.put("online", presence.online());
        hub.put("connected", u.connected());
        hub.put(
                "last_heard_at",
                presence.lastHeardAt() == null ? null : presence.lastHeardAt().toString());
        hub.put("backlog", u.backlog());
        hub.put("last_ack_at", u.lastAckAt() == null ? null : u.lastAckAt().toString());
        ObjectNode lists = root.putObject("lists");
        for (Map.Entry<String, Long> e : new TreeMap<>(status.listVersions()).entrySet()) {
            lists.put(e.getKey(), e.getValue());
        }
        return root;
    }

    private ObjectNode scan(ScanView s) {
        ObjectNode n = json.createObjectNode();
        n.put("seq", s.seq());
        n.put("at", s.at().toString());
        n.put("decision", s.decision());
        n.put("admitted", s.admitted());
        n.put("tone", ScanTone.of(s).wire());
        n.put("masked", safeMasked(s.masked()));
        n.put("name", s.name());
        n.put("household", s.household());
        n.put("role", s.role());
        n.put("body_c", s.bodyC());
        n.put("threshold_c", s.thresholdC());
        n.put("mask", s.mask());
        n.put("direction", s.direction());
        n.put("reader", s.reader());
        n.put("quarantined", s.quarantined());
        n.put("note", s.note());
        if (s.pass() != null) {
            ObjectNode p = n.putObject("pass");
            p.put("id", s.pass().id());
            p.put("household", s.pass().household());
            p.put("uses", s.pass().uses());
            p.put("from", s.pass().from().toString());
            p.put("to", s.pass().to().toString());
        }
        return n;
    }

    /** The desk gives masked numbers only; should a full one ever slip through, it is masked here. */
    static String safeMasked(String masked) {
        if (masked == null) {
            return null;
        }
        return IdNumbers.wellFormed(masked) ? IdNumbers.mask(masked) : masked;
    }
}
