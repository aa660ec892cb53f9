package org.gatepost.simulator.faults;

import static org.gatepost.simulator.faults.FaultRig.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.testing.PgAutoFailover;
import org.gatepost.hub.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-injection suite's cases for a hub on PostgreSQL, with real processes: the hub and each gate's agent in
 * their own JVMs, emulated devices, Mosquitto, and a real PostgreSQL (a single server, or a pg_auto_failover
 * formation). Counts come from the gates' own SQLite databases and from the hub's {@code entries} table. Each case
 * prints {@code fault-case=N name ...} with its figures.
 */
class PostgresFaultsTest {
    private static final int GATES = 10;
    /** Between two scans (at successive gates): each gate sees a new person every GATES x 50 ms = 0.5 s. */
    private static final long SCAN_PAUSE_MILLIS = 50;

    private static final Duration OUTAGE = Duration.ofSeconds(60);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // a failed case keeps every process's log
    Path dir;

    /**
     * Case 9: PostgreSQL stopped for 60 s while 10 gates scan into two hub instances; both stay up and everything
     * arrives once.
     */
    @Test
    void postgresStoppedForSixtySecondsUnderLoadLosesAndDuplicatesNothing() throws Exception {
        try (PostgresCluster pg = PostgresCluster.start();
                MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                PgHub hub = PgHub.start(dir, "hub-1", mosquitto.url(), pg.url(pg.createDatabase()));
                PgHub hub2 = PgHub.start(dir, "hub-2", mosquitto.url(), hub.storeUrl());
                GateFleet fleet = GateFleet.start(dir, "pgstop-gate", GATES, mosquitto.url())) {
            fleet.awaitConnected(300_000);
            fleet.startScanning(SCAN_PAUSE_MILLIS);
            awaitEveryGateAtTheHub(fleet, hub);
            await("both instances healthy", 60_000, () -> hub.health() == 200 && hub2.health() == 200);

            long atHubBefore = hub.entries();
            long committedAtStop = fleet.committed();
            pg.stopServer();
            long stoppedAt = System.nanoTime();
            List<Integer> statuses = new ArrayList<>();
            boolean aliveThroughout = true;
            while (System.nanoTime() - stoppedAt < OUTAGE.toNanos()) {
                int status = hub.health();
                int status2 = hub2.health();
                if (System.nanoTime() - stoppedAt > Duration.ofSeconds(5).toNanos()) {
                    statuses.add(status);
                    statuses.add(status2);
                }
                aliveThroughout &= hub.alive() && hub2.alive();
                FaultRig.sleep(1000);
            }
            long committedAtRestart = fleet.committed();
            pg.startServer();
            long restartedAt = System.nanoTime();
            await(
                    "the hub to catch up with what the gates committed while the database was down",
                    180_000,
                    () -> hub.entries() >= committedAtRestart);
            double catchUpSeconds = (System.nanoTime() - restartedAt) / 1e9;
            await("health 200 again on both", 60_000, () -> hub.health() == 200 && hub2.health() == 200);
            long scans = fleet.stopScanning();
            Tally t = settleAndCount(fleet, hub.storeUrl());

            System.out.printf(
                    "fault-case=9 postgres-stopped-60s hubs=2 gates=%d scans=%d db-down-s=%d "
                            + "committed-at-gates=%d "
                            + "at-hub=%d lost=0 duplicated=0 acks-at-last-seq=%d/%d at-hub-when-stopped=%d "
                            + "committed-while-down=%d queued-at-gates-when-db-returned~%d catch-up-s=%.1f "
                            + "health-samples-while-down=%d all-503=%b hub-up-throughout=%b%n",
                    GATES,
                    scans,
                    OUTAGE.toSeconds(),
                    t.committed,
                    t.atHub,
                    t.acksAtLastSeq,
                    GATES,
                    atHubBefore,
                    committedAtRestart - committedAtStop,
                    committedAtRestart - atHubBefore,
                    catchUpSeconds,
                    statuses.size(),
                    statuses.stream().allMatch(s -> s == 503),
                    aliveThroughout);
            assertTrue(aliveThroughout, "both hub processes stayed up while the database was down");
            assertTrue(
                    statuses.size() >= 10 && statuses.stream().allMatch(s -> s == 503),
                    "/api/health said 503 on both instances while the database was down: " + statuses);
            assertTrue(committedAtRestart > committedAtStop, "the gates kept deciding and recording");
            for (PgHub h : List.of(hub, hub2)) {
                assertTrue(h.alive(), "the same hub processes, never restarted");
                assertEquals(
                        1, countOf(h.log(), "event=store-opened backend=postgresql"), "each hub opened its store once");
            }
        }
    }

    /**
     * Case 10: the primary of a pg_auto_failover formation loses its postmaster (SIGKILL) while 10 gates scan into two
     * hub instances; the standby is promoted, the hubs' multi-host URL finds it without a restart, and nothing
     * acknowledged is lost.
     */
    @Test
    void primaryKilledInAPgAutoFailoverFormationLosesNothingAcknowledged() throws Exception {
        try (PgAutoFailover formation = PgAutoFailover.start();
                MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                PgHub hub = PgHub.start(dir, "hub-1", mosquitto.url(), formation.jdbcUrl());
                PgHub hub2 = PgHub.start(dir, "hub-2", mosquitto.url(), formation.jdbcUrl());
                GateFleet fleet = GateFleet.start(dir, "failover-gate", GATES, mosquitto.url())) {
            String syncNames = formation.synchronousStandbyNames(1);
            assertTrue(
                    syncNames.startsWith("ANY 1 (pgautofailover_standby_"),
                    "a commit on the primary waits for the standby: " + syncNames);
            fleet.awaitConnected(300_000);
            fleet.startScanning(SCAN_PAUSE_MILLIS);
            awaitEveryGateAtTheHub(fleet, hub);
            long warm = hub.entries();
            await("a few hundred entries through the primary", 120_000, () -> hub.entries() >= warm + 200);

            long atHubBefore = hub.entries();
            formation.killPostmaster(1);
            Instant killedAt = Instant.now();
            Map<String, Long> ackedAtKill = fleet.acknowledgedFromLogs();
            Instant[] firstWrite = new Instant[1];
            try {
                await("node 2 promoted and a write committed there after the kill", 180_000, () -> {
                    firstWrite[0] =
                            firstWriteAfter(formation.nodeUrl(2), killedAt).orElse(null);
                    return firstWrite[0] != null && formation.primary().equals(Optional.of(2));
                });
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " states=" + states(formation) + formation.logs(), e);
            }
            double killToWriteSeconds =
                    Duration.between(killedAt, firstWrite[0]).toMillis() / 1000.0;
            long ackedMissingOnNode2 = 0;
            long ackedAtKillTotal = 0;
            for (Map.Entry<String, Long> acked : ackedAtKill.entrySet()) {
                Set<Long> onNode2 = new TreeSet<>(PgHub.seqs(formation.nodeUrl(2), acked.getKey()));
                ackedAtKillTotal += acked.getValue();
                for (long s = 1; s <= acked.getValue(); s++) {
                    if (!onNode2.contains(s)) {
                        ackedMissingOnNode2++;
                    }
                }
            }
            long atFailover = hub.entries();
            await("writes to go on through the new primary", 120_000, () -> hub.entries() >= atFailover + 200);
            String statesAfter = states(formation);
            long scans = fleet.stopScanning();
            Tally t = settleAndCount(fleet, hub.storeUrl());

            System.out.printf(
                    "fault-case=10 postgres-failover hubs=2 gates=%d scans=%d committed-at-gates=%d "
                            + "at-hub=%d "
                            + "lost=0 duplicated=0 acks-at-last-seq=%d/%d at-hub-before-kill=%d acked-at-kill=%d "
                            + "acked-at-kill-missing-on-new-primary=%d kill-to-first-write-s=%.1f "
                            + "synchronous_standby_names='%s' states-after='%s' hub-restarts=0%n",
                    GATES,
                    scans,
                    t.committed,
                    t.atHub,
                    t.acksAtLastSeq,
                    GATES,
                    atHubBefore,
                    ackedAtKillTotal,
                    ackedMissingOnNode2,
                    killToWriteSeconds,
                    syncNames,
                    statesAfter);
            assertEquals(0, ackedMissingOnNode2, "every entry a gate held as acknowledged is on the new primary");
            assertTrue(ackedAtKillTotal > 0, "the gates held acknowledgements when the primary died");
            assertEquals(Optional.of(2), formation.primary(), "node 2 is the primary");
            for (PgHub h : List.of(hub, hub2)) {
                assertTrue(h.alive(), "the same hub processes, never restarted");
                assertEquals(
                        1, countOf(h.log(), "event=store-opened backend=postgresql"), "each hub opened its store once");
            }
        }
    }

    private record Tally(long committed, long atHub, int acksAtLastSeq) {}

    /**
     * Waits until every gate has an entry at the hub (its probe scan at least): all agents are up and connected.
     * One entry, not more: a gate whose QR emulator stops writing after the probe (seen in CI, a simulator fault)
     * still takes part in the counts.
     */
    private static void awaitEveryGateAtTheHub(GateFleet fleet, PgHub hub) throws Exception {
        String url = hub.storeUrl();
        try {
            awaitEveryGateAtTheHub(fleet, url);
        } catch (AssertionError e) {
            StringBuilder b = new StringBuilder(e.getMessage());
            for (FaultRig rig : fleet.rigs) {
                b.append(' ')
                        .append(rig.gateId)
                        .append("=")
                        .append(rig.agentLastSeq())
                        .append('/')
                        .append(safeSeqs(url, rig.gateId))
                        .append(" (qr scans written ")
                        .append(rig.qr.scansWritten())
                        .append(", links ")
                        .append(rig.qr.connections())
                        .append(')');
            }
            String hubLog = hub.log();
            FaultRig quiet = fleet.rigs.getFirst();
            for (FaultRig rig : fleet.rigs) {
                if (safeSeqs(url, rig.gateId) < 3) {
                    quiet = rig;
                }
            }
            String agentLog = quiet.agent().logText();
            b.append("\n--- hub log tail\n")
                    .append(hubLog.substring(Math.max(0, hubLog.length() - 4000)))
                    .append("\n--- log tail of ")
                    .append(quiet.gateId)
                    .append('\n')
                    .append(agentLog.substring(Math.max(0, agentLog.length() - 4000)));
            throw new AssertionError(b.toString(), e);
        }
    }

    private static int safeSeqs(String url, String gate) {
        try {
            return PgHub.seqs(url, gate).size();
        } catch (SQLException e) {
            return -1;
        }
    }

    private static void awaitEveryGateAtTheHub(GateFleet fleet, String url) {
        await("every gate's first entries at the hub", 180_000, () -> {
            for (FaultRig rig : fleet.rigs) {
                try {
                    if (PgHub.seqs(url, rig.gateId).isEmpty()) {
                        return false;
                    }
                } catch (SQLException e) {
                    return false;
                }
            }
            return true;
        });
    }

    /**
     * Once scanning has stopped: waits until the gates' committed count has not moved for 3 s and the hub holds
     * as many entries and every gate has received the acknowledgement of its last entry, stops the agents (their
     * stores write the acknowledgement on close), then checks each gate:
     * the hub has exactly its sequence numbers 1..lastSeq, once each; every entry it signalled is there; and the
     * acknowledgement in its database reached its last sequence number.
     */
    private static Tally settleAndCount(GateFleet fleet, String url) throws Exception {
        long[] last = {-1, System.nanoTime()};
        await("the hub to hold every entry the gates committed", 240_000, () -> {
            long committed = fleet.committed();
            if (committed != last[0]) {
                last[0] = committed;
                last[1] = System.nanoTime();
                return false;
            }
            return System.nanoTime() - last[1] > Duration.ofSeconds(3).toNanos() && entries(url) == committed;
        });
        await("every gate to receive the hub's acknowledgement of its last entry", 180_000, () -> {
            try {
                Map<String, Long> acked = fleet.acknowledgedFromLogs();
                for (FaultRig rig : fleet.rigs) {
                    if (acked.get(rig.gateId) < rig.agentLastSeq()) {
                        return false;
                    }
                }
                return true;
            } catch (Exception e) {
                return false;
            }
        });
        fleet.stopAgents();
        long committed = 0;
        long atHub = 0;
        int acksAtLastSeq = 0;
        for (FaultRig rig : fleet.rigs) {
            long lastSeq = rig.agentLastSeq();
            List<Long> rows = PgHub.seqs(url, rig.gateId);
            TreeSet<Long> distinct = new TreeSet<>(rows);
            committed += lastSeq;
            atHub += rows.size();
            assertEquals(distinct.size(), rows.size(), rig.gateId + ": no entry twice at the hub");
            assertEquals(lastSeq, rows.size(), rig.gateId + ": as many entries at the hub as committed at the gate");
            assertEquals(1L, distinct.first(), rig.gateId + ": numbering starts at 1");
            assertEquals(lastSeq, distinct.last().longValue(), rig.gateId + ": and ends at the last seq, no gap");
            assertTrue(distinct.containsAll(rig.agent().signalledSeqs()), rig.gateId + ": every signalled entry");
            assertEquals(lastSeq, rig.agentAckedUpTo(), rig.gateId + ": the gate's ack reached its last seq");
            acksAtLastSeq++;
        }
        return new Tally(committed, atHub, acksAtLastSeq);
    }

    private static long entries(String url) {
        try (Connection c = DriverManager.getConnection(url, PostgresCluster.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT count(*) FROM entries")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** The earliest received_at after {@code after} on the node at {@code url}: the first write committed there since. */
    private static Optional<Instant> firstWriteAfter(String url, Instant after) {
        try (Connection c = DriverManager.getConnection(url, PostgresCluster.SUPERUSER, "");
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT received_at FROM entries")) {
            Instant first = null;
            while (r.next()) {
                Instant at = Instant.parse(r.getString(1));
                if (at.isAfter(after) && (first == null || at.isBefore(first))) {
                    first = at;
                }
            }
            return Optional.ofNullable(first);
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    private static String states(PgAutoFailover formation) {
        try {
            return formation.states();
        } catch (SQLException e) {
            return "monitor unreadable: " + e.getMessage();
        }
    }

    private static long countOf(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }
}
