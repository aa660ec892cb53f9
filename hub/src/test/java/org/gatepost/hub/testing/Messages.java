package org.gatepost.hub.testing;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Consumer;

/** Batch and heartbeat payloads built from the contract examples in {@code docs/contract/}. */
public final class Messages {
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
}
