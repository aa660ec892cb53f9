package org.gatepost.hub.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/** Batch and heartbeat payloads built from the contract examples in {@code docs/contract/}, and edits to them. */
public final class Messages {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Messages() {}

    /** {@code entry-admit.json} for {@code gate}, renumbered to {@code seq}, decided at {@code at}. */
    public static ObjectNode entry(String gate, String epoch, long seq, Instant at) {
        ObjectNode n = Contract.json("entry-admit.json");
        n.put("gate", gate);
        n.put("epoch", epoch);
        n.put("seq", seq);
        n.put("id", gate + "-" + epoch + "-" + seq);
        n.put("at", at.toString());
        return n;
    }

    /** A batch (envelope of {@code batch.json}) of admit entries {@code from..to}, one second apart from {@code at}. */
    public static ObjectNode batch(String gate, String epoch, long from, long to, Instant at) {
        ObjectNode b = Contract.json("batch.json");
        b.put("gate", gate);
        b.put("epoch", epoch);
        ArrayNode entries = b.putArray("entries");
        for (long seq = from; seq <= to; seq++) {
            entries.add(entry(gate, epoch, seq, at.plusSeconds(seq - from)));
        }
        return b;
    }

    /** {@code heartbeat.json} for {@code gate}, changed by {@code edit}. */
    public static byte[] heartbeat(String gate, Consumer<ObjectNode> edit) {
        ObjectNode h = Contract.json("heartbeat.json");
        h.put("gate", gate);
        edit.accept(h);
        return bytes(h);
    }

    /** Sets the state of the named device in a heartbeat. */
    public static void deviceState(ObjectNode heartbeat, String device, String state) {
        for (var d : (ArrayNode) heartbeat.get("devices")) {
            if (d.get("name").textValue().equals(device)) {
                ((ObjectNode) d).put("state", state);
                return;
            }
        }
        throw new IllegalArgumentException("no device " + device + " in the heartbeat example");
    }

    public static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Applies {@code /a/b=json} (set field {@code b} of object {@code a} to the JSON value) or {@code /a/b=-} (remove
     * it) to the tree.
     */
    public static void edit(ObjectNode root, String edit) throws IOException {
        int eq = edit.indexOf('=');
        String[] path = edit.substring(1, eq).split("/");
        String value = edit.substring(eq + 1);
        ObjectNode parent = root;
        for (int i = 0; i < path.length - 1; i++) {
            parent = (ObjectNode) parent.get(path[i]);
        }
        String field = path[path.length - 1];
        if (value.equals("-")) {
            parent.remove(field);
        } else {
            parent.set(field, MAPPER.readTree(value));
        }
    }
}
