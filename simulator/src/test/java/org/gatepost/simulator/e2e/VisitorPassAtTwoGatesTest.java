package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.gatepost.simulator.e2e.GateFixture.awaitApi;
import static org.gatepost.simulator.e2e.GateFixture.awaitEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.Agent;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Visitor passes end to end: a hub (embedded broker), two agents whose QR scanners are emulated on socat ptys. A
 * one-use pass issued through the API admits the visitor at gate A; once the hub has that entry its passes list
 * tells gate B, which refuses the pass as used. A second one-use pass scanned at both gates while the hub is down
 * admits twice (neither gate can know), and the hub flags the second use when the gates deliver.
 */
class VisitorPassAtTwoGatesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private static Agent agent(Path dir, String id, SimulatedGate gate, String mqttUrl) throws Exception {
        Properties p = GateFixture.agentProperties(dir, id, gate, mqttUrl);
        p.putAll(gate.readerProperties());
        return GateFixture.agent(dir, p);
    }

    private static String issue(Hub hub) {
        ApiSession admin = ApiSession.login(hub.httpPort(), "admin", GateFixture.ADMIN_PASSWORD);
        Instant now = Instant.now();
        HttpResponse<String> r = admin.post(
                "/api/passes",
                Map.of(
                        "name",
                        "赵",
                        "phone",
                        "13812345678",
                        "household",
                        "3-2-501",
                        "valid_from",
                        now.minusSeconds(60).toString(),
                        "valid_to",
                        now.plus(Duration.ofHours(2)).toString(),
                        "uses",
                        "one"));
        assertEquals(201, r.statusCode(), r.body());
        return ApiSession.parse(r.body()).get("id").asText();
    }

    /** The QR text as the visitor's phone shows it: what the hub's QR image carries. */
    private static String token(Hub hub, String id) throws Exception {
        return hub.passes().token(hub.passes().find(id).orElseThrow());
    }

    private static Entry scan(SimulatedGate gate, List<Entry> seen, String text) {
        int before = seen.size();
        gate.presentCode(text, 35.8); // 36.7 °C with the gate's offset
        await("the gate's decision", WAIT, () -> seen.size() > before);
        gate.leave();
        return seen.get(before);
    }

    @Test
    void aOneUsePassAdmitsOnceAndASecondUseOfflineIsFlagged() throws Exception {
        int brokerPort = FreePorts.pick();
        Path hubDir = dir.resolve("hub");
        try (SimulatedGate a = SimulatedGate.start("a", dir.resolve("dev-a"), true, true);
                SimulatedGate b = SimulatedGate.start("b", dir.resolve("dev-b"), true, true)) {
            String first;
            String second;
            String secondToken;
            List<Entry> atA = new CopyOnWriteArrayList<>();
            List<Entry> atB = new CopyOnWriteArrayList<>();
            Agent agentA = null;
            Agent agentB = null;
            try {
                try (Hub hub = GateFixture.hub(hubDir, null, brokerPort)) {
                    agentA = agent(dir.resolve("agent"), "gate-a", a, hub.brokerUrl());
                    agentB = agent(dir.resolve("agent"), "gate-b", b, hub.brokerUrl());
                    agentA.onEntry(atA::add);
                    agentB.onEntry(atB::add);
                    String key = hub.passes().keyId();
                    for (Agent g : List.of(agentA, agentB)) {
                        await(
                                "the gate to hold the hub's pass key",
                                WAIT,
                                () -> g.lists().current().passes().keys().containsKey(key));
                    }
                    first = issue(hub);
                    String firstToken = token(hub, first);

                    Entry admitted = scan(a, atA, firstToken);
                    assertEquals(Decision.ADMIT_VISITOR, admitted.decision());
                    assertTrue(admitted.draft().rules().admitted());
                    assertEquals("3-2-501", admitted.draft().rules().pass().household());
                    JsonNode atHub = awaitApi(
                            hub,
                            "/api/passes/" + first,
                            WAIT,
                            p -> p.get("used").asInt() == 1);
                    assertEquals("used", atHub.get("state").asText());

                    Agent gateB = agentB;
                    await(
                            "gate B to hear that the pass is used",
                            WAIT,
                            () -> gateB.lists().current().passes().used().contains(first));
                    Entry refused = scan(b, atB, firstToken);
                    assertEquals(Decision.DENY_PASS_USED, refused.decision());
                    assertFalse(refused.draft().rules().admitted());

                    Entry forged = scan(b, atB, firstToken.substring(0, firstToken.length() - 4) + "AAAA");
                    assertEquals(Decision.DENY_PASS_FORGED, forged.decision());
                    assertEquals(null, forged.draft().rules().pass(), "a forged pass's content is not published");

                    second = issue(hub);
                    secondToken = token(hub, second);
                    awaitEntries(hub, "gate-b", WAIT, 2);
                }
                // The hub (and its broker) is down: both gates decide alone.
                Entry offlineA = scan(a, atA, secondToken);
                Entry offlineB = scan(b, atB, secondToken);
                assertEquals(Decision.ADMIT_VISITOR, offlineA.decision());
                assertEquals(Decision.ADMIT_VISITOR, offlineB.decision(), "gate B cannot know of gate A's use");

                try (Hub hub = GateFixture.hub(hubDir, null, brokerPort)) {
                    JsonNode alerts =
                            awaitApi(hub, "/api/alerts", WAIT, r -> r.toString().contains("pass-double-use"));
                    JsonNode alert = null;
                    for (JsonNode x : alerts.get("alerts")) {
                        if (x.get("kind").asText().equals("pass-double-use")) {
                            alert = x;
                        }
                    }
                    assertTrue(alert.get("message").asText().contains(second), alert.toString());
                    assertEquals("high", alert.get("severity").asText());
                    JsonNode p = awaitApi(
                            hub,
                            "/api/passes/" + second,
                            WAIT,
                            x -> x.get("used").asInt() == 2);
                    assertEquals("used", p.get("state").asText());
                    String entries = GateFixture.getText(hub, "/api/entries?limit=50");
                    assertFalse(entries.contains("13812345678"), "no phone number in entries");
                    assertFalse(entries.contains("赵"), "the visitor's name is not published by the gates");
                }
            } finally {
                if (agentA != null) {
                    agentA.close();
                }
                if (agentB != null) {
                    agentB.close();
                }
            }
        }
    }
}
