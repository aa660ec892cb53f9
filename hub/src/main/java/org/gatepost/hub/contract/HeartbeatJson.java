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

    private HeartbeatJson() {}

    /** Parses a heartbeat received on the heartbeat topic of {@code topicGate}. */
    public static HeartbeatMessage parse(byte[] payload, String topicGate) throws InvalidPayloadException {
        JsonFields f = ContractJson.envelope(ContractJson.tree(payload), topicGate);
        double interval = f.number("interval_s", 0);
        if (interval <= 0 || interval > MAX_INTERVAL_S) {
            throw new InvalidPayloadException(f.name("interval_s") + ": must be a number of seconds in (0, 86400]");
        }
        JsonFields s = f.object("store");
        HeartbeatMessage.StoreUsage store = new HeartbeatMessage.StoreUsage(
                count(s, "bytes"),
                count(s, "budget_bytes"),
                s.number("used_pct", 0, Bounds.MAX_USED_PCT),
                s.textOrEmpty("error", MAX_ERROR, true));
        return new HeartbeatMessage(
                topicGate,
                f.matching("epoch", ContractJson.EPOCH, "16 lowercase hex digits"),
                f.text("boot", ContractJson.MAX_TEXT),
                f.instant("at"),
                count(f, "mono_ms"),
                f.bool("clock_synced"),
                interval,
                count(f, "last_seq"),
                count(f, "acked_up_to"),
                count(f, "backlog"),
                f.numberOrNull("oldest_unsent_age_s", 0, Bounds.MAX_AGE_S),
                count(f, "unrecorded"),
                store,
                devices(f.elements("devices", MAX_DEVICES)),
                lists(f));
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
            out.put(name, l.integer(name, 1, Bounds.MAX_INTEGER));
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

    private static long count(JsonFields f, String name) throws InvalidPayloadException {
        return f.integer(name, 0, Bounds.MAX_INTEGER);
    }

    /**
     * Each device entry on its own: one that breaks the contract does not discard the heartbeat but becomes a
     * device in state {@value HeartbeatMessage.Device#INVALID} (see {@link #invalid}), so the gate's other devices
     * are still recorded and the broken one raises a device fault naming the field.
     */
    private static List<HeartbeatMessage.Device> devices(List<JsonFields> items) {
        List<HeartbeatMessage.Device> out = new ArrayList<>(items.size());
        Set<String> names = new HashSet<>();
        for (JsonFields d : items) {
            HeartbeatMessage.Device device;
            try {
                device = device(d);
                if (!names.add(device.name())) {
                    throw new InvalidPayloadException(d.name("name") + ": duplicate device name");
                }
            } catch (InvalidPayloadException e) {
                device = invalid(d, names, e.getMessage());
            }
            out.add(device);
        }
        return List.copyOf(out);
    }

    private static HeartbeatMessage.Device device(JsonFields d) throws InvalidPayloadException {
        if (!d.isObject()) {
            throw new InvalidPayloadException(d.self() + ": must be an object");
        }
        return new HeartbeatMessage.Device(
                d.text("name", ContractJson.MAX_TEXT),
                d.matching("kind", WORD, "a lowercase word like thermometer"),
                d.textOrEmpty("port", MAX_PORT, false),
                d.matching("state", WORD, "a lowercase word like connected"),
                count(d, "frames"),
                count(d, "bad_frames"),
                count(d, "reconnects"),
                d.textOrEmpty("last_error", MAX_ERROR, false));
    }

    /**
     * A device entry that breaks the contract: named by its {@code name} when that is valid and not taken, else by
     * its position ({@code devices[2]}); its {@code kind} when valid, else {@code unknown}; its {@code port} when
     * valid, else empty; counters 0; {@code last_error} "invalid entry: " and the reason, which names the field.
     */
    private static HeartbeatMessage.Device invalid(JsonFields d, Set<String> names, String reason) {
        String name = orElse(() -> d.text("name", ContractJson.MAX_TEXT), null);
        if (name == null || !names.add(name)) {
            name = d.self();
            names.add(name);
        }
        return new HeartbeatMessage.Device(
                name,
                orElse(() -> d.matching("kind", WORD, "a word"), HeartbeatMessage.Device.KIND_UNKNOWN),
                orElse(() -> d.textOrEmpty("port", MAX_PORT, false), ""),
                HeartbeatMessage.Device.INVALID,
                0,
                0,
                0,
                "invalid entry: " + reason);
    }

    private interface Read {
        String get() throws InvalidPayloadException;
    }

    private static String orElse(Read read, String otherwise) {
        try {
            return read.get();
        } catch (InvalidPayloadException e) {
            return otherwise;
        }
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
