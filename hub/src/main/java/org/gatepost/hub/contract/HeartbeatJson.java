package org.gatepost.hub.contract;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads the heartbeat of {@code docs/mqtt.md} strictly (like {@link ContractJson}) and writes its device list
 * back as canonical JSON (exactly the contract's device fields), which is what the hub stores. Thread safe.
 */
public final class HeartbeatJson {
    /** More devices than any gate has; bounds what one heartbeat can make the hub store. */
    public static final int MAX_DEVICES = 32;
    private static final double MAX_INTERVAL_S = 86_400;
    private static final int MAX_PORT = 256;
    private static final int MAX_ERROR = 500;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9-]{0,31}");

    private HeartbeatJson() {
    }

    /** Parses a heartbeat received on the heartbeat topic of {@code topicGate}. */
    public static HeartbeatMessage parse(byte[] payload, String topicGate) throws InvalidPayloadException {
        JsonFields f = ContractJson.envelope(ContractJson.tree(payload), topicGate);
        double interval = f.number("interval_s", 0);
        if (interval <= 0 || interval > MAX_INTERVAL_S) {
            throw new InvalidPayloadException(f.name("interval_s") + ": must be a number of seconds in (0, 86400]");
        }
        JsonFields s = f.object("store");
        HeartbeatMessage.StoreUsage store = new HeartbeatMessage.StoreUsage(s.integer("bytes", 0),
                s.integer("budget_bytes", 0), s.number("used_pct", 0), s.textOrEmpty("error", MAX_ERROR, true));
        return new HeartbeatMessage(topicGate, f.matching("epoch", ContractJson.EPOCH, "16 lowercase hex digits"),
                f.text("boot", ContractJson.MAX_TEXT), f.instant("at"), f.integer("mono_ms", 0),
                f.bool("clock_synced"), interval, f.integer("last_seq", 0), f.integer("acked_up_to", 0),
                f.integer("backlog", 0), f.numberOrNull("oldest_unsent_age_s", 0), f.integer("unrecorded", 0), store,
                devices(f.objects("devices", 0, MAX_DEVICES)), lists(f));
    }

    /** The optional {@code lists} object: list name to the version the gate holds. */
    private static Map<String, Long> lists(JsonFields f) throws InvalidPayloadException {
        if (f.absentOrNull("lists")) {
            return null;
        }
        JsonFields l = f.object("lists");
        Map<String, Long> out = new TreeMap<>();
        for (String name : l.fieldNames()) {
            if (!EntryRulesJson.LISTS.contains(name)) {
                throw new InvalidPayloadException(l.name(name) + ": not a list (one of "
                        + EntryRulesJson.LISTS.stream().sorted().toList() + ")");
            }
            out.put(name, l.integer(name, 1));
        }
        return Map.copyOf(out);
    }

    /** The lists' versions as a JSON object in name order, or null. */
    public static String listsJson(Map<String, Long> lists) {
        if (lists == null) {
            return null;
        }
        ObjectNode n = ContractJson.MAPPER.createObjectNode();
        new TreeMap<>(lists).forEach(n::put);
        return ContractJson.write(n);
    }

    private static List<HeartbeatMessage.Device> devices(List<JsonFields> items) throws InvalidPayloadException {
        List<HeartbeatMessage.Device> out = new ArrayList<>(items.size());
        Set<String> names = new HashSet<>();
        for (JsonFields d : items) {
            String name = d.text("name", ContractJson.MAX_TEXT);
            if (!names.add(name)) {
                throw new InvalidPayloadException(d.name("name") + ": duplicate device name");
            }
            out.add(new HeartbeatMessage.Device(name, d.matching("kind", WORD, "a lowercase word like thermometer"),
                    d.text("port", MAX_PORT), d.matching("state", WORD, "a lowercase word like connected"),
                    d.integer("frames", 0), d.integer("bad_frames", 0), d.integer("reconnects", 0),
                    d.textOrEmpty("last_error", MAX_ERROR, false)));
        }
        return List.copyOf(out);
    }

    /** The devices as a JSON array with exactly the contract's fields, in the given order. */
    public static String devicesJson(List<HeartbeatMessage.Device> devices) {
        ArrayNode a = ContractJson.MAPPER.createArrayNode();
        for (HeartbeatMessage.Device d : devices) {
            ObjectNode n = a.addObject();
            n.put("name", d.name());
            n.put("kind", d.kind());
            n.put("port", d.port());
            n.put("state", d.state());
            n.put("frames", d.frames());
            n.put("bad_frames", d.badFrames());
            n.put("reconnects", d.reconnects());
            n.put("last_error", d.lastError());
        }
        return ContractJson.write(a);
    }
}
