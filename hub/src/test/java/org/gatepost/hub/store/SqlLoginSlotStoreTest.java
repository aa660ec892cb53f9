package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The throttle's slots on each backend, through a database that records which calls write. */
class SqlLoginSlotStoreTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    private final List<String> writes = new ArrayList<>();
    private SqlLoginSlotStore slots;

    @BeforeEach
    void open() throws Exception {
        Storage storage = databases.open(backend);
        Database real = storage.database();
        slots = new SqlLoginSlotStore(new Database() {
            @Override
            public <T> T transact(String what, SqlWork<T> work) throws StoreException {
                writes.add(what);
                return real.transact(what, work);
            }

            @Override
            public <T> T query(String what, SqlWork<T> work) throws StoreException {
                return real.query(what, work);
            }
        });
    }

    @Test
    void refusesAFullAddressFromAReadWithoutAWrite() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertInstanceOf(LoginSlotStore.Taken.class, slots.take("a" + i, "10.0.0.7", "n" + i, T0, WINDOW, 3));
        }
        writes.clear();

        LoginSlotStore.Full full = assertInstanceOf(
                LoginSlotStore.Full.class, slots.take("a3", "10.0.0.7", "n3", T0.plusSeconds(60), WINDOW, 3));

        assertEquals(T0.plus(WINDOW), full.freesAt());
        assertEquals(List.of(), writes, "a refusal writes nothing");
        assertEquals(6, slots.count());
    }

    @Test
    void takesTwoSlotsUnderTheAttemptAndGivesThemBack() throws Exception {
        slots.take("a1", "10.0.0.7", "admin", T0, WINDOW, 3);
        assertEquals(2, slots.count());

        slots.cancel("a1");

        assertEquals(0, slots.count());
        assertEquals(List.of("take login slots", "give back login slots"), writes);
    }
}
