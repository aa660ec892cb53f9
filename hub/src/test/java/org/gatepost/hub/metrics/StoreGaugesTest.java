package org.gatepost.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gauges read from the database: read at most once per {@link StoreGauges#MAX_AGE} by the injected clock, and
 * the last values kept, with {@code gatepost_store_read_ok} 0, while the store cannot be read (docs/metrics.md).
 */
class StoreGaugesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

    private static void heartbeat(HubStore store, long backlog, Instant at) throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(Messages.heartbeat("north", n -> n.put("backlog", backlog)), "north");
        store.transaction(tx -> {
            tx.storeHealth(h, at);
            return null;
        });
    }

    private static Optional<Double> backlog(HubMetrics m) {
        return new PromText(m.scrape()).value("gatepost_gate_backlog", "gate", "north");
    }

    @Test
    void readsTheStoreAtMostOncePerMaxAgeAndKeepsTheLastValuesWhenItFails(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        Storage storage = Storage.open(StoreSettings.sqlite(dir.resolve("hub.db")));
        HubStore store = storage.hub();
        try (HubMetrics metrics = new HubMetrics(store, clock, Map.of())) {
            heartbeat(store, 3, T0);
            assertEquals(Optional.of(3.0), backlog(metrics));

            heartbeat(store, 9, T0);
            clock.advance(StoreGauges.MAX_AGE.minusMillis(1));
            assertEquals(Optional.of(3.0), backlog(metrics), "read less than MAX_AGE ago: not read again");
            clock.advance(Duration.ofMillis(1));
            assertEquals(Optional.of(9.0), backlog(metrics));
            assertEquals(Optional.of(1.0), new PromText(metrics.scrape()).value("gatepost_store_read_ok"));

            storage.close();
            clock.advance(StoreGauges.MAX_AGE);
            PromText failed = new PromText(metrics.scrape());
            assertEquals(Optional.of(9.0), failed.value("gatepost_gate_backlog", "gate", "north"));
            assertEquals(Optional.of(0.0), failed.value("gatepost_store_read_ok"));
        } finally {
            storage.close();
        }
    }
}
