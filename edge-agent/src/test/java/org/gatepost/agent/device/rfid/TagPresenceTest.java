package org.gatepost.agent.device.rfid;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TagPresenceTest {
    private static final Duration SILENCE = Duration.ofMillis(500);
    private static final Instant T0 = Instant.parse("2025-03-01T08:00:00Z");
    private final TagPresence presence = new TagPresence(SILENCE);

    @Test
    void repeatsWhileTheTagStaysAreNotNewPresentations() {
        assertTrue(presence.seen(7, T0));
        for (int i = 1; i <= 20; i++) {
            assertFalse(presence.seen(7, T0.plusMillis(150L * i)), "repeat " + i);
        }
    }

    @Test
    void theSameTagAfterTheSilenceIsANewPresentation() {
        presence.seen(7, T0);

        assertFalse(presence.seen(7, T0.plus(SILENCE).minusMillis(1)));
        assertTrue(presence.seen(7, T0.plus(SILENCE).minusMillis(1).plus(SILENCE)));
    }

    @Test
    void anotherTagIsANewPresentationAtOnce() {
        presence.seen(7, T0);

        assertTrue(presence.seen(8, T0.plusMillis(10)));
        assertTrue(presence.seen(7, T0.plusMillis(20)));
    }

    @Test
    void expireForgetsTheTagOnlyAfterTheSilence() {
        presence.seen(7, T0);

        assertFalse(presence.expire(T0.plusMillis(499)));
        assertTrue(presence.expire(T0.plus(SILENCE)));
        assertFalse(presence.expire(T0.plusSeconds(5)), "nothing left to expire");
        assertTrue(presence.seen(7, T0.plusSeconds(5)));
    }
}
