package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lease rules on a fake table whose "database clock" is the test's monotonic reading. */
class LeaseKeeperTest {
    private static final long S = 1_000_000_000L;

    /** One shared table; {@code down} makes every call fail as an unreachable database does. */
    private static final class FakeTable implements LeaseTable {
        final Map<String, String> holders = new HashMap<>();
        final Map<String, Long> expiries = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        long now;
        boolean down;

        @Override
        public String claim(String name, String holder, Duration ttl) throws StoreException {
            calls.add(holder);
            if (down) {
                throw new StoreException("database away");
            }
            String current = holders.get(name);
            if (current == null || current.equals(holder) || expiries.get(name) <= now) {
                holders.put(name, holder);
                expiries.put(name, now + ttl.toNanos());
                return holder;
            }
            return current;
        }

        @Override
        public void release(String name, String holder) throws StoreException {
            if (down) {
                throw new StoreException("database away");
            }
            holders.remove(name, holder);
        }
    }

    private static final class Recording implements LeaseListener {
        final List<String> heard = new ArrayList<>();

        @Override
        public void acquired() {
            heard.add("acquired");
        }

        @Override
        public void lost() {
            heard.add("lost");
        }
    }

    private final FakeTable table = new FakeTable();
    private final LeaseKeeper a = new LeaseKeeper(table, "a", () -> table.now);
    private final LeaseKeeper b = new LeaseKeeper(table, "b", () -> table.now);

    private void both(long nowNanos) {
        table.now = nowNanos;
        a.tick(nowNanos);
        b.tick(nowNanos);
    }

    /** Only {@code keeper} ticks, at {@code nowNanos}; the other instance does not. */
    private void tick(LeaseKeeper keeper, long nowNanos) {
        table.now = nowNanos;
        keeper.tick(nowNanos);
    }

    @Test
    void theFirstToTryHoldsAndTheOtherWaits() {
        Recording heardA = new Recording();
        Recording heardB = new Recording();
        Lease la = a.lease("acks", heardA);
        Lease lb = b.lease("acks", heardB);
        both(0);
        assertTrue(la.held());
        assertFalse(lb.held());
        for (long t = 0; t <= 60 * S; t += S / 4) {
            both(t);
            assertTrue(la.held() ^ lb.held(), "exactly one holds at " + t);
        }
        assertTrue(la.held());
        assertEquals(List.of("acquired"), heardA.heard);
        assertEquals(List.of(), heardB.heard);
    }

    @Test
    void holderRenewsEveryThreeSecondsAndOthersTryEveryTwo() {
        a.lease("acks", LeaseListener.NONE);
        b.lease("acks", LeaseListener.NONE);
        for (long t = 0; t < 12 * S; t += S / 4) {
            both(t);
        }
        assertEquals(4, table.calls.stream().filter("a"::equals).count(), "at 0, 3, 6 and 9 s");
        assertEquals(6, table.calls.stream().filter("b"::equals).count(), "at 0, 2, 4, 6, 8 and 10 s");
    }

    @Test
    void aHolderThatCannotRenewFencesItselfBeforeTheLeaseExpires() {
        Recording heard = new Recording();
        Lease la = a.lease("housekeeping", heard);
        tick(a, 0);
        table.down = true;
        long fencedAt = -1;
        for (long t = S / 4; t <= 12 * S; t += S / 4) {
            table.now = t;
            if (!la.held() && fencedAt < 0) {
                fencedAt = t;
            }
            a.tick(t);
        }
        assertTrue(
                fencedAt > 0 && fencedAt < table.expiries.get("housekeeping"),
                "fenced at " + fencedAt + " before the database's expiry " + table.expiries.get("housekeeping"));
        assertEquals(9 * S, fencedAt, "TTL - FENCE_MARGIN after the last renewal was sent");
        assertEquals(List.of("acquired", "lost"), heard.heard);
    }

    @Test
    void anotherInstanceTakesOverWithinFifteenSecondsOfTheHoldersLastRenewal() {
        Recording heardB = new Recording();
        Lease la = a.lease("lists", LeaseListener.NONE);
        Lease lb = b.lease("lists", heardB);
        both(0);
        long lastRenewal = 0;
        for (long t = 0; t <= 3 * S; t += S / 4) {
            both(t);
        }
        lastRenewal = 3 * S;
        long takenAt = -1;
        for (long t = 3 * S + S / 4; t <= 30 * S && takenAt < 0; t += S / 4) {
            table.now = t;
            b.tick(t); // a is dead: no more ticks
            if (lb.held()) {
                takenAt = t;
            }
        }
        assertTrue(takenAt > 0, "taken over");
        assertFalse(la.held(), "the dead holder's own view has fenced by then");
        assertTrue(takenAt - lastRenewal <= 12 * S, "within TTL + TRY_EVERY: " + (takenAt - lastRenewal) / 1e9);
        assertEquals(List.of("acquired"), heardB.heard);
    }

    @Test
    void aHolderThatFindsAnotherHolderLosesAtOnce() {
        Recording heard = new Recording();
        Lease la = a.lease("acks", heard);
        tick(a, 0);
        table.holders.put("acks", "b"); // say a paused past its lease and b took it
        table.expiries.put("acks", 100 * S);
        tick(a, 3 * S);
        assertFalse(la.held());
        assertEquals(List.of("acquired", "lost"), heard.heard);
    }

    @Test
    void closeReleasesSoTheNextTryTakesIt() {
        Lease la = a.lease("acks", LeaseListener.NONE);
        Lease lb = b.lease("acks", LeaseListener.NONE);
        both(0);
        a.close();
        assertFalse(la.held());
        tick(b, 2 * S);
        assertTrue(lb.held());
    }

    @Test
    void soleLeasesAreAlwaysHeld() {
        Recording heard = new Recording();
        Leases sole = Leases.sole("only");
        Lease l = sole.lease("acks", heard);
        sole.start();
        assertTrue(l.held());
        sole.close();
        assertEquals(List.of(), heard.heard);
    }
}
