package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.Agent;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's leak, end to end on a real broker (the hub's embedded Moquette) with two agents and simulated devices: a
 * resident told to retest at the south gate is held at the north gate within the rest, because the hub sends the
 * pending retest to every gate ({@code gatepost/v1/hub/retests}).
 */
class RetestAtEveryGateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Long enough for the whole test to run inside it on a loaded machine. */
    private static final int REST_S = 180;

    @TempDir
    Path dir;

    @Test
    void aRetestAtTheSouthGateHoldsThePersonAtTheNorthGate() throws Exception {
        Community community = Community.generate(5, 12);
        Community.Member resident = GateFixture.residentFreeToEnter(community);
        String hash = GateFixture.credentialHash(resident);
        try (SimulatedGate south = SimulatedGate.start("south", dir.resolve("dev-south"), true);
                SimulatedGate north = SimulatedGate.start("north", dir.resolve("dev-north"), true);
                Hub hub = GateFixture.hubWithLists(dir.resolve("hub"), community)) {
            GateFixture.setRetestRest(hub, REST_S);
            long policyVersion = hub.lists().versions().stream()
                    .filter(v -> v.list().equals("policy"))
                    .findFirst()
                    .orElseThrow()
                    .version();
            try (Agent southAgent = GateFixture.agent(dir.resolve("agent"), "south-gate", south, hub.brokerUrl());
                    Agent northAgent = GateFixture.agent(dir.resolve("agent"), "north-gate", north, hub.brokerUrl())) {
                for (Agent a : List.of(southAgent, northAgent)) {
                    await(
                            "the gate to hold the policy with the rest",
                            WAIT,
                            () -> Long.valueOf(policyVersion)
                                    .equals(a.lists().current().versions().get("policy")));
                }
                List<Entry> atSouth = new CopyOnWriteArrayList<>();
                List<Entry> atNorth = new CopyOnWriteArrayList<>();
                southAgent.onEntry(atSouth::add);
                northAgent.onEntry(atNorth::add);

                south.present(resident.card(), 37.9); // 38.8 °C with the gate's 0.9 offset
                await("the south gate's decision", WAIT, () -> !atSouth.isEmpty());
                south.leave();
                Entry first = atSouth.get(0);
                assertEquals(Decision.RETEST, first.decision(), "the south gate tells the resident to rest");
                long decidedAt = System.nanoTime();

                await(
                        "the hub's pending retest at the north gate",
                        WAIT,
                        () -> northAgent
                                .hubRetests()
                                .pending(hash, Instant.now())
                                .isPresent());
                System.out.printf(
                        "pending retest reached the north gate %d ms after the south gate decided%n",
                        (System.nanoTime() - decidedAt) / 1_000_000);

                north.present(resident.card(), 35.8); // 36.7 °C: admitted anywhere else
                await("the north gate's decision", WAIT, () -> !atNorth.isEmpty());
                north.leave();
                Entry held = atNorth.get(0);
                assertEquals(Decision.RETEST, held.decision(), "held at the north gate, not admitted");
                assertFalse(held.draft().rules().admitted());
                assertEquals(first.seq(), held.draft().rules().retest().firstSeq(), "names the south gate's reading");
                assertEquals(REST_S, held.draft().rules().retest().restS());
            }
        }
    }
}
