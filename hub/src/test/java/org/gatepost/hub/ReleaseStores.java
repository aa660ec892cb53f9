package org.gatepost.hub;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.hub.store.StoreCounts;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestGateClient;

/**
 * What an upgrade must keep: a store filled through a running hub as gates and operators fill it, and a snapshot
 * of everything an operator sees of it, to compare before and after.
 */
final class ReleaseStores {
    static final String OBSERVER = "street-office";
    static final String OBSERVER_PASSWORD = "street-office-password-1";
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Everything compared across an upgrade. */
    record Snapshot(
            StoreCounts counts,
            List<String> entries,
            List<String> alerts,
            List<String> lists,
            List<String> blocked,
            List<String> badges,
            List<String> users) {}

    private ReleaseStores() {}

    /**
     * Through {@code hub}: 20 admitted entries (seq 1..20) and a fever denial (seq 21) of gate {@link Contract#GATE}, its status
     * "offline, lost" (two alerts in all, one acknowledged by admin), the blocked and badges lists, and the
     * observer account {@link #OBSERVER}.
     */
    static void fill(Hub hub, ApiSession admin) throws Exception {
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), Contract.GATE)) {
            for (long seq = 1; seq <= 20; seq++) {
                gate.publish(Topics.entries(Contract.GATE), Contract.admitWithSeq(Contract.EPOCH, seq));
            }
            ObjectNode fever = Contract.json("entry-deny-fever.json"); // seq 21: no gap, so no missing-entries alert
            fever.put("seq", 21).put("id", Contract.GATE + "-" + Contract.EPOCH + "-21");
            gate.publish(Topics.entries(Contract.GATE), fever.toString().getBytes(StandardCharsets.UTF_8));
            gate.publish(Topics.status(Contract.GATE), Contract.bytes("status-offline-lost.json"), true);
            Await.until(
                    "entries and alerts stored",
                    () -> hub.store().counts().entries() == 21
                            && hub.store().counts().alerts() == 2);
        }
        long fever = hub.store().recentAlerts(Optional.empty(), 10).stream()
                .filter(a -> a.kind().equals("fever"))
                .findFirst()
                .orElseThrow()
                .id();
        check(admin.post("/api/alerts/" + fever + "/acknowledge", Map.of()).statusCode(), "acknowledge");
        hub.lists()
                .replaceItems(ListKind.BLOCKED, List.of(JSON.objectNode().put("household", "5-1-302")), "admin", null);
        ObjectNode badge = JSON.objectNode()
                .put("hash", "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24")
                .put("masked", "****0016")
                .put("name", "王芳")
                .put("role", "volunteer");
        hub.lists().replaceItems(ListKind.BADGES, List.of(badge), "admin", null);
        check(
                admin.post("/api/users", Map.of("name", OBSERVER, "role", "observer", "password", OBSERVER_PASSWORD))
                        .statusCode(),
                "create user");
    }

    private static void check(int status, String what) {
        if (status / 100 != 2) {
            throw new AssertionError(what + ": HTTP " + status);
        }
    }

    static Snapshot snapshot(Hub hub, ApiSession admin) throws Exception {
        List<String> entries = hub.store().recentEntries(Optional.empty(), 1000).stream()
                .sorted(Comparator.comparingLong(EntryView::seq))
                .map(e -> e.gate() + "/" + e.epoch() + "/" + e.seq() + " " + e.decision() + " " + e.at())
                .toList();
        List<String> alerts = hub.store().recentAlerts(Optional.empty(), 100).stream()
                .sorted(Comparator.comparingLong(AlertView::id))
                .map(a -> a.id() + " " + a.kind() + " " + a.gate() + " acknowledgedBy=" + a.acknowledgedBy())
                .toList();
        List<String> lists = hub.lists().versions().stream()
                .sorted(Comparator.comparing(ListVersion::list))
                .map(v -> v.list() + " v" + v.version() + " items=" + v.items())
                .toList();
        List<String> users = new ArrayList<>();
        admin.getJson("/api/users")
                .get("users")
                .forEach(u -> users.add(
                        u.get("name").textValue() + " " + u.get("role").textValue()));
        return new Snapshot(
                hub.store().counts(),
                entries,
                alerts,
                lists,
                hub.lists().blocked(Optional.empty(), 100).stream()
                        .map(Object::toString)
                        .toList(),
                hub.lists().badges(Optional.empty(), 100).stream()
                        .map(Object::toString)
                        .toList(),
                users);
    }
}
