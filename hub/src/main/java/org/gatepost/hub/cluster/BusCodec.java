package org.gatepost.hub.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster bus's payloads: {@code {"from":"<instance>","ev":[...]}} with one compact array per event:
 * {@code ["e",gate,epoch,seq]}, {@code ["a",gate]}, {@code ["g",gate]}, {@code ["p",gate,epoch,upTo]}, {@code ["l"]}.
 * {@link #encode} first folds what repeats (one alerts and one gate event per gate, the highest progress per epoch,
 * one lists event, the newest {@link #MAX_ENTRIES} entries: a dashboard shows no more per push), then fills payloads
 * up to {@code maxBytes} each.
 */
public final class BusCodec {
    static final int MAX_ENTRIES = 50;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** A decoded payload. */
    public record Message(String from, List<ClusterEvent> events) {}

    private BusCodec() {}

    public static List<String> encode(String from, List<ClusterEvent> events, int maxBytes) {
        List<ArrayNode> items = fold(events);
        List<String> out = new ArrayList<>();
        String head = "{\"from\":" + NODES.textNode(from) + ",\"ev\":[";
        StringBuilder b = new StringBuilder(head);
        int bytes = utf8(head) + 2;
        int count = 0;
        for (ArrayNode item : items) {
            String s = item.toString();
            int size = utf8(s) + 1;
            if (count > 0 && bytes + size > maxBytes) {
                out.add(b.append("]}").toString());
                b = new StringBuilder(head);
                bytes = utf8(head) + 2;
                count = 0;
            }
            if (count > 0) {
                b.append(',');
            }
            b.append(s);
            bytes += size;
            count++;
        }
        if (count > 0) {
            out.add(b.append("]}").toString());
        }
        return out;
    }

    private static List<ArrayNode> fold(List<ClusterEvent> events) {
        List<ClusterEvent.EntryStored> entries = new ArrayList<>();
        Map<List<String>, Long> progress = new LinkedHashMap<>();
        Set<String> alerts = new LinkedHashSet<>();
        Set<String> gates = new LinkedHashSet<>();
        boolean lists = false;
        for (ClusterEvent e : events) {
            switch (e) {
                case ClusterEvent.EntryStored s -> entries.add(s);
                case ClusterEvent.Progress p -> progress.merge(List.of(p.gate(), p.epoch()), p.upTo(), Math::max);
                case ClusterEvent.AlertsChanged a -> alerts.add(a.gate());
                case ClusterEvent.GateChanged g -> gates.add(g.gate());
                case ClusterEvent.ListsChanged l -> lists = true;
            }
        }
        List<ArrayNode> out = new ArrayList<>();
        for (ClusterEvent.EntryStored s : entries.subList(Math.max(0, entries.size() - MAX_ENTRIES), entries.size())) {
            out.add(NODES.arrayNode().add("e").add(s.gate()).add(s.epoch()).add(s.seq()));
        }
        progress.forEach((k, upTo) ->
                out.add(NODES.arrayNode().add("p").add(k.get(0)).add(k.get(1)).add(upTo)));
        alerts.forEach(g -> out.add(NODES.arrayNode().add("a").add(g)));
        gates.forEach(g -> out.add(NODES.arrayNode().add("g").add(g)));
        if (lists) {
            out.add(NODES.arrayNode().add("l"));
        }
        return out;
    }

    /** Reads a payload; unknown event kinds are skipped (a newer instance), a malformed payload throws. */
    public static Message decode(String payload) throws MalformedBusMessageException {
        try {
            JsonNode root = MAPPER.readTree(payload);
            if (!(root instanceof ObjectNode o)
                    || !o.path("from").isTextual()
                    || !o.path("ev").isArray()) {
                throw new MalformedBusMessageException("not a bus message");
            }
            List<ClusterEvent> events = new ArrayList<>();
            for (JsonNode n : o.get("ev")) {
                switch (n.path(0).asText()) {
                    case "e" -> events.add(new ClusterEvent.EntryStored(text(n, 1), text(n, 2), number(n, 3)));
                    case "p" -> events.add(new ClusterEvent.Progress(text(n, 1), text(n, 2), number(n, 3)));
                    case "a" -> events.add(new ClusterEvent.AlertsChanged(text(n, 1)));
                    case "g" -> events.add(new ClusterEvent.GateChanged(text(n, 1)));
                    case "l" -> events.add(new ClusterEvent.ListsChanged());
                    default -> {}
                }
            }
            return new Message(o.get("from").textValue(), events);
        } catch (JsonProcessingException e) {
            throw new MalformedBusMessageException("not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode n, int i) throws MalformedBusMessageException {
        if (!n.path(i).isTextual()) {
            throw new MalformedBusMessageException("field " + i + " of " + n + " is not text");
        }
        return n.get(i).textValue();
    }

    private static long number(JsonNode n, int i) throws MalformedBusMessageException {
        if (!n.path(i).canConvertToLong()) {
            throw new MalformedBusMessageException("field " + i + " of " + n + " is not a number");
        }
        return n.get(i).longValue();
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
