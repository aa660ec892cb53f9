package org.gatepost.hub.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two instances' buses on one real PostgreSQL database. */
class ClusterBusTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private static final class Recording implements BusReceiver {
        final List<ClusterEvent> events = new CopyOnWriteArrayList<>();
        final List<Long> at = new CopyOnWriteArrayList<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void received(ClusterEvent event) {
            at.add(System.nanoTime());
            events.add(event);
        }

        @Override
        public void resync() {
            resyncs.incrementAndGet();
        }
    }

    @Test
    void anotherInstanceHearsWhatOneCommittedAndNeverItsOwn() throws Exception {
        Storage storage = databases.open(Backend.POSTGRESQL);
        Recording heardA = new Recording();
        Recording heardB = new Recording();
        try (PgClusterBus a = new PgClusterBus(storage.notifyChannel().orElseThrow(), "a", heardA);
                PgClusterBus b = new PgClusterBus(storage.notifyChannel().orElseThrow(), "b", heardB)) {
            a.start();
            b.start();
            Await.until("both listening", () -> heardA.resyncs.get() == 1 && heardB.resyncs.get() == 1);
            // The first message also loads the classes on both paths: on a loaded machine that alone can take a second.
            a.publish(new ClusterEvent.GateChanged("warm-up"));
            Await.until("b hears the first message", () -> heardB.events.size() == 1);
            heardB.events.clear();
            heardB.at.clear();
            long sent = System.nanoTime();
            a.publish(new ClusterEvent.EntryStored("north-gate", "3f9a", 1));
            a.publish(new ClusterEvent.Progress("north-gate", "3f9a", 1));
            Await.until("b hears a", Duration.ofSeconds(2), () -> heardB.events.size() == 2);
            System.out.printf("cluster bus latency: %.1f ms%n", (heardB.at.getFirst() - sent) / 1e6);
            assertEquals(
                    List.of(
                            new ClusterEvent.EntryStored("north-gate", "3f9a", 1),
                            new ClusterEvent.Progress("north-gate", "3f9a", 1)),
                    heardB.events);
            b.publish(new ClusterEvent.ListsChanged());
            Await.until("a hears b", Duration.ofSeconds(2), () -> !heardA.events.isEmpty());
            assertEquals(List.of(new ClusterEvent.ListsChanged()), heardA.events, "a never hears itself");
        }
    }

    @Test
    void listenerReconnectsAndResyncsAfterItsConnectionIsKilled() throws Exception {
        Storage storage = databases.open(Backend.POSTGRESQL);
        Recording heardB = new Recording();
        try (PgClusterBus a = new PgClusterBus(storage.notifyChannel().orElseThrow(), "a", new Recording());
                PgClusterBus b = new PgClusterBus(storage.notifyChannel().orElseThrow(), "b", heardB)) {
            a.start();
            b.start();
            Await.until("b listening", () -> heardB.resyncs.get() == 1);
            StoreSettings s = databases.settings(Backend.POSTGRESQL);
            try (Connection c = DriverManager.getConnection(
                            s.url().orElseThrow(), s.username().orElseThrow(), null);
                    Statement st = c.createStatement()) {
                st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'gatepost-cluster-bus'");
            }
            long killed = System.nanoTime();
            Await.until("b listens again", Duration.ofSeconds(15), () -> heardB.resyncs.get() >= 2);
            System.out.printf(
                    "cluster bus back after its connection was killed: %.1f s%n", (System.nanoTime() - killed) / 1e9);
            a.publish(new ClusterEvent.AlertsChanged("north-gate"));
            Await.until("b hears a again", Duration.ofSeconds(2), () -> !heardB.events.isEmpty());
            assertTrue(heardB.events.contains(new ClusterEvent.AlertsChanged("north-gate")));
        }
    }
}
