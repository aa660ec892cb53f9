package org.gatepost.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.testing.Await;
import org.junit.jupiter.api.Test;

/** The bus's threads on an in-memory channel (the real channel: {@link ClusterBusTest}). */
class PgClusterBusTest {
    private static final class Recording implements BusReceiver {
        final List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void received(ClusterEvent event) {
            events.add(event);
        }

        @Override
        public void resync() {
            resyncs.incrementAndGet();
        }
    }

    @Test
    void keepsTheEventsOfAFailedSendAndDeliversThemWhenSendingWorksAgain() throws Exception {
        InMemoryChannel channel = new InMemoryChannel();
        Recording heard = new Recording();
        try (PgClusterBus a = new PgClusterBus(channel, "a", new Recording());
                PgClusterBus b = new PgClusterBus(channel, "b", heard)) {
            a.start();
            b.start();
            Await.until("both listening", () -> channel.listeners.size() == 2);
            channel.failSends.set(2);
            a.publish(new ClusterEvent.Progress("north-gate", "3f9a", 7));
            a.publish(new ClusterEvent.Progress("north-gate", "3f9a", 8));
            Await.until("delivered after two failed sends", () -> !heard.events.isEmpty());
            assertTrue(channel.sendAttempts.get() >= 3, "attempts: " + channel.sendAttempts.get());
            assertEquals(
                    List.of(new ClusterEvent.Progress("north-gate", "3f9a", 8)),
                    heard.events,
                    "folded to the highest progress");
        }
    }
}
