package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.Severity;
import org.gatepost.hub.testing.Contract;

/** Entries made from the contract example {@code entry-admit.json}, stored straight into a hub store. */
final class SampleEntries {
    static final String EPOCH = "0123456789abcdef";

    private SampleEntries() {}

    /** An entry of {@code gate} with the given decision, masked ID and body temperature. */
    static EntryMessage entry(String gate, long seq, String decision, String masked, double bodyC) throws Exception {
        ObjectNode n = admitJson(gate, seq, masked);
        n.put("decision", decision);
        ((ObjectNode) n.get("temperature")).put("body_c", bodyC);
        return ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), gate);
    }

    /** An admit of {@code gate} by the credential {@code hash} (null: the example's) with the masked ID given. */
    static EntryMessage admit(String gate, long seq, String hash, String masked) throws Exception {
        ObjectNode n = admitJson(gate, seq, masked);
        if (hash != null) {
            ((ObjectNode) n.get("credential")).put("hash", hash);
        }
        return ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), gate);
    }

    private static ObjectNode admitJson(String gate, long seq, String masked) {
        ObjectNode n = Contract.json("entry-admit.json");
        n.put("gate", gate);
        n.put("epoch", EPOCH);
        n.put("seq", seq);
        n.put("id", gate + "-" + EPOCH + "-" + seq);
        ((ObjectNode) n.get("credential")).put("masked", masked);
        return n;
    }

    /** Stores it as received at {@code receivedAt}, with the alerts the hub's rules raise for it. */
    static void store(HubStore store, EntryMessage e, Instant receivedAt) throws Exception {
        store.commitEntry(e, receivedAt, new AlertRules().forEntry(e));
    }

    /** Stores it with one hand-made alert (a message the rules would never write, e.g. markup). */
    static void storeWithAlert(HubStore store, EntryMessage e, Instant receivedAt, String message) throws Exception {
        store.commitEntry(
                e,
                receivedAt,
                List.of(new NewAlert(AlertKind.FEVER, Severity.HIGH, e.gate(), e.id(), message, "test:" + e.id())));
    }
}
