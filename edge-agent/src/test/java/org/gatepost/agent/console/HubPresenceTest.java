package org.gatepost.agent.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.gatepost.agent.uplink.UplinkState;
import org.junit.jupiter.api.Test;

/** "Hub online" only while the hub itself answers: connected to the broker is not enough. */
class HubPresenceTest {
    private static final Instant NOW = Instant.parse("2026-11-28T08:15:00Z");

    private static UplinkState uplink(boolean connected, Instant lastAckAt) {
        return new UplinkState(connected, 41, lastAckAt, 7, 0, 0, 0, 0);
    }

    @Test
    void theBrokerAloneIsNotTheHub() {
        HubPresence p = HubPresence.of(uplink(true, null), null, null, NOW);
        assertFalse(p.online());
        assertTrue(p.connected());
        assertEquals(Duration.ofSeconds(90), p.freshFor(), "3 × the default 30 s");
    }

    @Test
    void anAckOrANewListKeepsTheHubOnlineForThreeRepublishIntervals() {
        assertTrue(HubPresence.of(uplink(true, NOW.minusSeconds(89)), null, null, NOW)
                .online());
        assertFalse(HubPresence.of(uplink(true, NOW.minusSeconds(90)), null, null, NOW)
                .online());
        assertTrue(HubPresence.of(uplink(true, NOW.minusSeconds(200)), NOW.minusSeconds(10), null, NOW)
                .online());
        HubPresence slow = HubPresence.of(uplink(true, null), NOW.minusSeconds(100), Duration.ofSeconds(60), NOW);
        assertTrue(slow.online(), "the hub's own every_s sets the window");
        assertEquals(NOW.minusSeconds(100), slow.lastHeardAt());
    }

    @Test
    void disconnectedIsOfflineHoweverRecentTheHubsWord() {
        assertFalse(HubPresence.of(uplink(false, NOW.minusSeconds(1)), NOW.minusSeconds(1), null, NOW)
                .online());
    }
}
