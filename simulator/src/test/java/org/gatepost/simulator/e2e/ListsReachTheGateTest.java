package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.Agent;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.hub.Hub;
import org.gatepost.hub.store.ListVersion;
import org.gatepost.simulator.crowd.Community;
import org.gatepost.simulator.demo.DemoLists;
import org.gatepost.simulator.gate.SimulatedGate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists from an operator's import at the hub to the gate's decisions: the hub imports a community's residents
 * (and the demo's quarantine, blocked household and badge) and publishes them; the agent applies the same versions
 * and, restarted while the hub is gone, still has them and decides with them. No full ID number is stored at the hub
 * or the gate.
 */
class ListsReachTheGateTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theGateAppliesTheHubsImportAndKeepsItAcrossARestartWithoutTheHub() throws Exception {
        Community community = Community.generate(5, 12);
        Map<String, Long> published = new HashMap<>();
        String brokerUrl;
        try (SimulatedGate gate = SimulatedGate.start("north", dir.resolve("dev"), true)) {
            try (Hub hub = GateFixture.hub(dir.resolve("hub"), null, FreePorts.pick())) {
                brokerUrl = hub.brokerUrl();
                DemoLists.load(hub.lists(), community, GateFixture.SECRET, Clock.systemUTC());
                for (ListVersion v : hub.lists().versions()) {
                    published.put(v.list(), v.version());
                }
                assertEquals(2L, published.get("residents"), "the import replaced the empty version 1");

                try (Agent agent = GateFixture.agent(dir.resolve("agent"), "north-gate", gate, brokerUrl)) {
                    await(
                            "the gate to hold the hub's versions",
                            WAIT,
                            () -> agent.lists().current().versions().equals(published));
                    assertMatchesCommunity(agent.lists().current(), community);
                }
            }

            try (Agent restarted = GateFixture.agent(dir.resolve("agent"), "north-gate", gate, brokerUrl)) {
                GateLists kept = restarted.lists().current();
                assertFalse(restarted.uplinkState().connected(), "the hub and its broker are gone");
                assertEquals(published, kept.versions());
                assertMatchesCommunity(kept, community);

                // Offline, the kept lists still decide: a quarantined resident going out is refused.
                List<Entry> decided = new CopyOnWriteArrayList<>();
                restarted.onEntry(decided::add);
                Community.Member quarantined = community.members().stream()
                        .filter(m -> m.registered() && m.household().equals(community.quarantinedHousehold()))
                        .findFirst()
                        .orElseThrow();
                gate.present(quarantined.card(), 35.8);
                await("the gate to decide offline", WAIT, () -> !decided.isEmpty());
                gate.leave();
                Entry e = decided.get(0);
                assertEquals(Decision.DENY_QUARANTINE, e.decision());
                assertEquals(published, e.draft().rules().lists(), "the entry names the list versions it used");
            }
        }
        String[] ids =
                community.members().stream().map(m -> m.card().idNumber()).toArray(String[]::new);
        OneResidentThroughTheGateTest.assertNoIdNumberIn(dir.resolve("hub").resolve("hub.db"), ids);
        OneResidentThroughTheGateTest.assertNoIdNumberIn(dir.resolve("agent").resolve("north-gate.db"), ids);
    }

    private static void assertMatchesCommunity(GateLists lists, Community community) {
        CredentialHasher hasher = new CredentialHasher(GateFixture.SECRET);
        long registered = community.members().stream()
                .filter(Community.Member::registered)
                .count();
        assertEquals(registered, lists.residents().size());
        assertTrue(registered < community.members().size(), "some members are unknown to the lists");
        assertEquals(HashScheme.V2, lists.hashScheme(), "the hub publishes hash scheme v2");
        for (Community.Member m : community.members()) {
            var resident = lists.resident(hasher.hash(m.card().idNumber(), HashScheme.V2));
            assertEquals(m.registered(), resident.isPresent(), "member of " + m.household());
            resident.ifPresent(r -> assertEquals(m.household(), r.household()));
        }
        assertTrue(lists.blocked(community.blockedHousehold()));
        assertTrue(lists.quarantined("", community.quarantinedHousehold(), Instant.now()));
        assertTrue(lists.badge(hasher.hash(Long.toString(community.volunteerTag()), HashScheme.V2))
                .isPresent());
        assertTrue(lists.policy().isPresent());
    }
}
