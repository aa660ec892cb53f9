package org.gatepost.hub.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class HubSubscriptionsTest {
    @Test
    void oneHubKeepsPersistentSessionsOnThePlainFiltersAndDropsTheOldBatchSubscription() {
        HubSubscriptions s = HubSubscriptions.single();

        assertFalse(s.cleanSession());
        assertEquals(
                List.of(
                        "gatepost/v1/gates/+/entries",
                        "gatepost/v1/gates/+/status",
                        "gatepost/v1/gates/+/heartbeat",
                        "gatepost/v1/gates/+/purged"),
                s.live());
        assertEquals(List.of("gatepost/v1/gates/+/batch"), s.liveDropped());
        assertEquals(List.of("gatepost/v1/gates/+/batch"), s.bulk());
    }

    @Test
    void severalHubsShareEveryFilterOfTheGroupWithCleanSessions() {
        HubSubscriptions s = HubSubscriptions.shared("site-7");

        assertTrue(s.cleanSession());
        assertEquals(
                List.of(
                        "$share/site-7/gatepost/v1/gates/+/entries",
                        "$share/site-7/gatepost/v1/gates/+/status",
                        "$share/site-7/gatepost/v1/gates/+/heartbeat",
                        "$share/site-7/gatepost/v1/gates/+/purged"),
                s.live());
        assertEquals(List.of(), s.liveDropped(), "a clean session has no old subscription to drop");
        assertEquals(List.of("$share/site-7/gatepost/v1/gates/+/batch"), s.bulk());
    }
}
