package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.hub.cluster.LeasedPeriodic;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two hub instances' leases on one real PostgreSQL database, with the real timings. */
class LeasesOnPostgresTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private String holder(String lease) throws Exception {
        StoreSettings s = databases.settings(Backend.POSTGRESQL);
        try (Connection c = DriverManager.getConnection(
                        s.url().orElseThrow(), s.username().orElseThrow(), null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT holder FROM leases WHERE name = '" + lease + "'")) {
            return rs.next() ? rs.getString(1) : "";
        }
    }

    @Test
    void claimsAreTimedByTheDatabaseClock() throws Exception {
        LeaseTable table = databases.open(Backend.POSTGRESQL).leaseTable();
        assertEquals("a", table.claim("acks", "a", Duration.ofSeconds(10)));
        assertEquals("a", table.claim("acks", "b", Duration.ofSeconds(10)), "held by a until it expires");
        assertEquals("a", table.claim("acks", "a", Duration.ofSeconds(10)), "renewed");
        databases.execute(Backend.POSTGRESQL, "UPDATE leases SET expires_at = now() - interval '1 second'");
        assertEquals("b", table.claim("acks", "b", Duration.ofSeconds(10)), "expired by the database's clock");
        table.release("acks", "a");
        assertEquals("b", holder("acks"), "only the holder releases");
        table.release("acks", "b");
        assertEquals("", holder("acks"));
    }

    @Test
    void exactlyOneInstanceRunsTheWorkAndAnotherTakesOverWhenTheHolderDies() throws Exception {
        Storage storageA = databases.open(Backend.POSTGRESQL);
        Storage storageB = databases.open(Backend.POSTGRESQL);
        AtomicInteger ranA = new AtomicInteger();
        AtomicInteger ranB = new AtomicInteger();
        try (Leases a = storageA.leases("instance-a");
                Leases b = storageB.leases("instance-b")) {
            Lease la = a.lease("housekeeping", LeaseListener.NONE);
            Lease lb = b.lease("housekeeping", LeaseListener.NONE);
            LeasedPeriodic workA = new LeasedPeriodic(la, now -> ranA.incrementAndGet());
            LeasedPeriodic workB = new LeasedPeriodic(lb, now -> ranB.incrementAndGet());
            a.start();
            b.start();
            // Long enough for several renewals (every 3 s) and tries (every 2 s).
            long until = System.nanoTime() + Duration.ofSeconds(7).toNanos();
            while (System.nanoTime() < until) {
                workA.tick(Instant.now());
                workB.tick(Instant.now());
                assertFalse(la.held() && lb.held(), "never both");
                Thread.sleep(50);
            }
            assertTrue(ranA.get() > 100, "the first instance ran the work: " + ranA);
            assertEquals(0, ranB.get(), "the other never did");
            assertEquals("instance-a", holder("housekeeping"));

            storageA.close(); // its pool gone, the lease is neither renewed nor released
            long died = System.nanoTime();
            AtomicLong fenced = new AtomicLong();
            Await.until("instance-b takes over", Duration.ofSeconds(15), () -> {
                if (!la.held()) {
                    fenced.compareAndSet(0, System.nanoTime());
                }
                assertFalse(la.held() && lb.held(), "never both");
                return lb.held();
            });
            long taken = System.nanoTime();
            System.out.printf(
                    "lease takeover after the holder's pool closed: %.1f s (holder fenced itself after" + " %.1f s)%n",
                    (taken - died) / 1e9, (fenced.get() - died) / 1e9);
            assertTrue(fenced.get() != 0 && fenced.get() <= taken, "the dead holder stopped before the takeover");
            assertEquals("instance-b", holder("housekeeping"));
            int before = ranB.get();
            workA.tick(Instant.now());
            workB.tick(Instant.now());
            assertEquals(before + 1, ranB.get(), "the new holder runs the work");
        }
    }

    @Test
    void onSqliteEveryLeaseIsHeldAndThereIsNoChannel() throws Exception {
        Storage storage = databases.open(Backend.SQLITE);
        try (Leases leases = storage.leases("only")) {
            Lease l = leases.lease("acks", LeaseListener.NONE);
            leases.start();
            assertTrue(l.held());
        }
        assertTrue(storage.notifyChannel().isEmpty());
    }
}
