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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.InvalidPayloadException;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two hub instances on one PostgreSQL, as two {@link Storage}s (two pools) on one database written from two
 * threads: each entry is stored once and each alert raised once whichever writes it, the high-water mark ends at
 * the top of what is stored, and transactions that meet in opposite orders complete.
 */
class SeveralWritersTest {
    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    private static final String EPOCH = Contract.EPOCH;
    private static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final AlertRules rules = new AlertRules();
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private HubStore one;
    private HubStore two;

    @BeforeEach
    void open() throws Exception {
        one = databases.open(Backend.POSTGRESQL).hub();
        two = databases.open(Backend.POSTGRESQL).hub();
    }

    @org.junit.jupiter.api.AfterEach
    void stop() {
        threads.shutdownNow();
    }

    /**
     * Two instances starting at once on an empty database both create the initial lists: whichever inserts
     * second finds the list there and carries on (before, its start failed on the unique key of list_items).
     */
    @Test
    void twoInstancesCreatingTheSameListAtOnceBothCarryOn() throws Exception {
        ListStore a = databases.open(Backend.POSTGRESQL).lists();
        ListStore b = databases.open(Backend.POSTGRESQL).lists();
        for (int round = 0; round < 20; round++) {
            String list = "race-" + round;
            CyclicBarrier start = new CyclicBarrier(2);
            List<Future<Object>> done = new ArrayList<>();
            for (ListStore store : List.of(a, b)) {
                done.add(threads.submit(() -> {
                    start.await();
                    store.ensure(list, List.of("{\"x\":1}"), List.of("x"), T0);
                    return null;
                }));
            }
            for (Future<Object> f : done) {
                f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            assertEquals(1L, a.current(list).orElseThrow().version().version(), "created once: " + list);
        }
    }

    /** Entry {@code seq} of {@code gate}: a fever when {@code seq} is a multiple of 7, else an admit. */
    private static EntryMessage entry(String gate, long seq) {
        String file = seq % 7 == 0 ? "entry-deny-fever.json" : "entry-admit.json";
        byte[] json = Contract.json(file)
                .put("gate", gate)
                .put("epoch", EPOCH)
                .put("seq", seq)
                .put("id", gate + "-" + EPOCH + "-" + seq)
                .toString()
                .getBytes();
        try {
            return ContractJson.parseEntry(json, gate);
        } catch (InvalidPayloadException e) {
            throw new AssertionError(e);
        }
    }

    private static SortedSet<String> gatesOf(List<EntryMessage> entries) {
        SortedSet<String> gates = new TreeSet<>();
        entries.forEach(e -> gates.add(e.gate()));
        return gates;
    }

    /** One ingest transaction as the worker runs it: the gates' locks, then the entries in the given order. */
    private List<EntryCommit> ingest(HubStore store, List<EntryMessage> entries) throws StoreException {
        return store.transaction(tx -> {
            tx.lockGates(gatesOf(entries));
            List<EntryCommit> commits = new ArrayList<>();
            for (EntryMessage e : entries) {
                commits.add(tx.entry(e, T0, rules.forEntry(e)));
            }
            return commits;
        });
    }

    private <T> T await(Future<T> f) throws Exception {
        return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void twoInstancesCommittingTheSameEntriesAtOnceStoreEachOnceAndRaiseEachAlertOnce() throws Exception {
        List<String> gates = List.of("g-a", "g-b", "g-c", "g-d", "g-e", "g-f");
        int rounds = 40;
        int perRound = 5;
        long inserted = 0;
        long raised = 0;
        Random random = new Random(12);
        for (int round = 0; round < rounds; round++) {
            List<EntryMessage> group = new ArrayList<>();
            for (String gate : gates) {
                for (int i = 1; i <= perRound; i++) {
                    group.add(entry(gate, (long) round * perRound + i));
                }
            }
            List<EntryMessage> mixed = new ArrayList<>(group);
            Collections.shuffle(mixed, random);
            CountDownLatch go = new CountDownLatch(1);
            Future<List<EntryCommit>> a = threads.submit(() -> {
                go.await();
                return ingest(one, group);
            });
            Future<List<EntryCommit>> b = threads.submit(() -> {
                go.await();
                return ingest(two, mixed);
            });
            go.countDown();
            for (List<EntryCommit> commits : List.of(await(a), await(b))) {
                for (EntryCommit c : commits) {
                    inserted += c.inserted() ? 1 : 0;
                    raised += c.alertsRaised();
                    assertFalse(c.conflicting(), "the same content is never a conflict");
                }
            }
        }

        long entries = (long) gates.size() * rounds * perRound;
        long fevers = (long) gates.size() * (rounds * perRound / 7);
        assertEquals(entries, inserted, "each entry reported inserted by exactly one of the two instances");
        assertEquals(fevers, raised, "each fever alert reported raised by exactly one of the two instances");
        StoreCounts counts = one.counts();
        assertEquals(entries, counts.entries());
        assertEquals(fevers, counts.alerts());
        for (String gate : gates) {
            assertEquals((long) rounds * perRound, one.ackedUpTo(gate, EPOCH), "mark of " + gate);
        }
        assertEquals(
                0,
                one.transactionRetries() + two.transactionRetries(),
                "gate locks taken in sorted order leave nothing to deadlock on");
    }

    @Test
    void consecutiveSeqsOfOneGateCommittedByTwoInstancesAtOnceMoveTheMarkOverBoth() throws Exception {
        // Instance one stores seq 2k+1 and instance two seq 2k+2 at the same moment, for k = 0..: had the second
        // not seen the first's commit, the mark would stop at a seq whose successor is stored.
        String gate = "g-race";
        for (long seq = 1; seq <= 400; seq += 2) {
            EntryMessage odd = entry(gate, seq);
            EntryMessage even = entry(gate, seq + 1);
            CountDownLatch go = new CountDownLatch(1);
            Future<List<EntryCommit>> a = threads.submit(() -> {
                go.await();
                return ingest(one, List.of(even));
            });
            Future<List<EntryCommit>> b = threads.submit(() -> {
                go.await();
                return ingest(two, List.of(odd));
            });
            go.countDown();
            await(a);
            await(b);
            assertEquals(seq + 1, one.ackedUpTo(gate, EPOCH), "mark after seq " + seq + " and " + (seq + 1));
        }
    }

    @Test
    void aWriterOfAGateWaitsAtItsLockUntilTheOtherCommitsAndThenSeesItsEntry() throws Exception {
        String gate = "g-wait";
        ingest(one, List.of(entry(gate, 1), entry(gate, 2), entry(gate, 3), entry(gate, 4)));
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<List<EntryCommit>> first = threads.submit(() -> one.transaction(tx -> {
            tx.lockGates(new TreeSet<>(List.of(gate)));
            EntryCommit c = tx.entry(entry(gate, 6), T0, List.of());
            holding.countDown();
            try {
                assertTrue(release.await(WAIT.toSeconds(), TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new StoreException("interrupted", e);
            }
            return List.of(c);
        }));
        assertTrue(holding.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        Future<List<EntryCommit>> second = threads.submit(() -> ingest(two, List.of(entry(gate, 5))));

        awaitAdvisoryLockWaiter();
        assertFalse(second.isDone(), "the second writer waits for the gate while the first holds it");
        release.countDown();

        assertEquals(4, await(first).get(0).upTo(), "seq 5 was not stored when the first wrote seq 6");
        assertEquals(6, await(second).get(0).upTo(), "the second saw seq 6 committed by the first");
        assertEquals(6, one.ackedUpTo(gate, EPOCH));
        // At REPEATABLE READ the second would work from a snapshot taken before its wait and be aborted (40001).
        assertEquals(0, two.transactionRetries(), "READ COMMITTED: no serialization failure, no retry");
    }

    @Test
    void transactionsLockingTheSameGatesFromOppositeMessageOrdersBothComplete() throws Exception {
        // Without the locks, one holding g-x's rows and waiting for g-y's while the other holds g-y's and waits
        // for g-x's is a deadlock; with them both take g-x first, so the second simply waits.
        for (long seq = 1; seq <= 100; seq++) {
            List<EntryMessage> forward = List.of(entry("g-x", seq), entry("g-y", seq));
            List<EntryMessage> backward = List.of(entry("g-y", seq), entry("g-x", seq));
            CountDownLatch go = new CountDownLatch(1);
            Callable<List<EntryCommit>> a = () -> {
                go.await();
                return ingest(one, forward);
            };
            Callable<List<EntryCommit>> b = () -> {
                go.await();
                return ingest(two, backward);
            };
            Future<List<EntryCommit>> fa = threads.submit(a);
            Future<List<EntryCommit>> fb = threads.submit(b);
            go.countDown();
            await(fa);
            await(fb);
        }
        assertEquals(100, one.ackedUpTo("g-x", EPOCH));
        assertEquals(100, one.ackedUpTo("g-y", EPOCH));
        assertEquals(200, one.counts().entries());
        assertEquals(0, one.transactionRetries() + two.transactionRetries());
    }

    @Test
    void aDeadlockBetweenTwoInstancesIsRetriedAndBothTransactionsCommit() throws Exception {
        // Without gate locks (as a transaction that forgets them would run): each holds one gate's row and
        // waits for the other's. PostgreSQL aborts one with 40P01; the store runs its work again.
        CountDownLatch aHolds = new CountDownLatch(1);
        CountDownLatch bHolds = new CountDownLatch(1);
        Future<Long> a = threads.submit(() -> one.transaction(tx -> {
            tx.entry(entry("g-x", 1), T0, List.of());
            aHolds.countDown();
            awaitQuietly(bHolds);
            return tx.entry(entry("g-y", 1), T0, List.of()).upTo();
        }));
        Future<Long> b = threads.submit(() -> two.transaction(tx -> {
            tx.entry(entry("g-y", 2), T0, List.of());
            bHolds.countDown();
            awaitQuietly(aHolds);
            return tx.entry(entry("g-x", 2), T0, List.of()).upTo();
        }));

        await(a);
        await(b);
        assertEquals(1, one.transactionRetries() + two.transactionRetries(), "the deadlock's victim ran again");
        assertEquals(2, one.ackedUpTo("g-x", EPOCH));
        assertEquals(2, one.ackedUpTo("g-y", EPOCH));
        assertEquals(4, one.counts().entries());
    }

    private static void awaitQuietly(CountDownLatch latch) throws StoreException {
        try {
            if (!latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new StoreException("latch not reached");
            }
        } catch (InterruptedException e) {
            throw new StoreException("interrupted", e);
        }
    }

    /** Waits until a session of the database waits for an advisory lock. */
    private void awaitAdvisoryLockWaiter() throws Exception {
        StoreSettings s = databases.settings(Backend.POSTGRESQL);
        long deadline = System.nanoTime() + WAIT.toNanos();
        try (Connection c = DriverManager.getConnection(
                        s.url().orElseThrow(), s.username().orElseThrow(), null);
                Statement st = c.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery(
                        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory'"
                                + " AND NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("no session waited for an advisory lock");
                }
                Thread.sleep(10);
            }
        }
    }
}
