package org.gatepost.simulator.faults;

import static org.gatepost.simulator.faults.FaultRig.await;
import static org.gatepost.simulator.faults.FaultRig.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lost, nothing twice, order known — under faults, with real processes: the agent runs in its own JVM
 * (killed with SIGKILL), devices are emulated on socat pseudo-terminals, the broker is Mosquitto from Debian
 * with the production persistence settings, and checks read the SQLite files of both sides. Each case prints
 * the counts it checked.
 */
class FaultInjectionSuiteTest {
    private static final long SCAN_INTERVAL_MILLIS = 60;

    @TempDir
    Path dir;

    private static Hub hub(Path dir, String mqttUrl) throws Exception {
        return FaultRig.hub(dir.resolve("hub.db"), mqttUrl, Map.of());
    }

    /** Case 1: kill -9 of the agent at random moments during a stream of 2,000 scans, 20 times. */
    @Test
    void agentKilledTwentyTimesDuringTwoThousandScansLosesAndDuplicatesNothing() throws Exception {
        int scans = 2000;
        int kills = 20;
        SplittableRandom random = new SplittableRandom(20201125);
        TreeSet<Integer> killAt = new TreeSet<>();
        while (killAt.size() < kills) {
            killAt.add(50 + random.nextInt(scans - 100));
        }
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "kill-gate", mosquitto.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            for (int i = 1; i <= scans; i++) {
                rig.scan(i);
                sleep(SCAN_INTERVAL_MILLIS);
                if (killAt.contains(i)) {
                    sleep(random.nextInt(80)); // somewhere inside a decision, a commit or a publish
                    rig.agent().kill9();
                    rig.startAgent();
                }
            }
            sleep(1500);
            Verdict v = settle(rig, dir.resolve("hub.db"));
            System.out.printf(
                    "fault-case=1 agent-kill9 scans=%d kills=%d agent-starts=%d committed=%d signalled=%d "
                            + "at-hub=%d duplicates=0 gaps=0%n",
                    scans, kills, rig.starts(), v.lastSeq, v.signalled.size(), v.hubSeqs.size());
            assertTrue(v.lastSeq > scans / 2, "most scans became entries: " + v.lastSeq);
        }
    }

    /** Case 2: the broker stopped for a while during scanning and restarted. */
    @Test
    void brokerStoppedDuringScanningAndRestartedDeliversEverythingOnce() throws Exception {
        int scans = 300;
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "broker-gate", mosquitto.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            long downAt = 0;
            for (int i = 1; i <= scans; i++) {
                rig.scan(i);
                sleep(SCAN_INTERVAL_MILLIS);
                if (i == 100) {
                    mosquitto.kill();
                    downAt = System.nanoTime();
                }
                if (i == 200) {
                    mosquitto.restart();
                }
            }
            long downMillis = (System.nanoTime() - downAt) / 1_000_000L;
            Verdict v = settle(rig, dir.resolve("hub.db"));
            System.out.printf(
                    "fault-case=2 broker-kill9-restart scans=%d broker-down-ms~%d committed=%d at-hub=%d "
                            + "duplicates=0 gaps=0%n",
                    scans, downMillis, v.lastSeq, v.hubSeqs.size());
        }
    }

    /** Case 3: kill -9 of the hub during ingest, and restart. */
    @Test
    void hubKilledDuringIngestAndRestartedLosesAndDuplicatesNothing() throws Exception {
        int scans = 400;
        Path hubConfig = dir.resolve("hub.properties");
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                FaultRig rig = new FaultRig(dir.resolve("gate"), "hubkill-gate", mosquitto.url())) {
            Files.writeString(
                    hubConfig,
                    String.join(
                            "\n",
                            "mqtt.url=" + mosquitto.url(),
                            "http.port=0",
                            "http.host=127.0.0.1",
                            "store.path=" + dir.resolve("hub.db"),
                            "community.secret=" + FaultRig.SECRET,
                            ""));
            JvmProcess hubProcess = new JvmProcess(
                            "org.gatepost.hub.Main", List.of("--config", hubConfig.toString()), dir.resolve("hub.log"))
                    .start();
            try {
                rig.gate.aim(35.7);
                rig.startAgent();
                int hubKills = 0;
                for (int i = 1; i <= scans; i++) {
                    rig.scan(i);
                    sleep(SCAN_INTERVAL_MILLIS);
                    if (i % 100 == 50) {
                        hubProcess.kill9();
                        hubKills++;
                        sleep(500);
                        hubProcess.start();
                    }
                }
                Verdict v = settle(rig, dir.resolve("hub.db"));
                System.out.printf(
                        "fault-case=3 hub-kill9 scans=%d hub-kills=%d committed=%d at-hub=%d duplicates=0 gaps=0%n",
                        scans, hubKills, v.lastSeq, v.hubSeqs.size());
            } finally {
                hubProcess.close();
            }
        }
    }

    /** Case 5: the gate's clock set back a year mid-stream. */
    @Test
    void clockSetBackAYearMidStreamKeepsOrderAndGapDetection() throws Exception {
        int scans = 300;
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "clock-gate", mosquitto.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            for (int i = 1; i <= scans; i++) {
                rig.scan(i);
                sleep(SCAN_INTERVAL_MILLIS);
                if (i == scans / 2) {
                    rig.agent().stop();
                    rig.startAgent("--clock-offset", "-P365D");
                }
            }
            Verdict v = settle(rig, dir.resolve("hub.db"));
            long backInTime = FaultRig.hubCount(
                    dir.resolve("hub.db"),
                    "SELECT COUNT(*) FROM entries WHERE gate = ? AND at < '"
                            + Instant.now().minus(Duration.ofDays(300)) + "'",
                    rig.gateId);
            long missingAlerts = FaultRig.hubCount(
                    dir.resolve("hub.db"),
                    "SELECT COUNT(*) FROM alerts WHERE gate = ? AND kind = 'missing-entries'",
                    rig.gateId);
            System.out.printf(
                    "fault-case=5 clock-back-a-year scans=%d committed=%d at-hub=%d stamped-a-year-back=%d "
                            + "missing-entries-alerts=%d gaps=0%n",
                    scans, v.lastSeq, v.hubSeqs.size(), backInTime, missingAlerts);
            assertTrue(backInTime > 0, "entries after the clock step carry the wrong clock");
            assertEquals(0, missingAlerts, "a clock step is not a gap");
        }
    }

    /** Case 6: malformed, oversized and unknown-version payloads at the hub. */
    @Test
    void malformedOversizedAndUnknownVersionPayloadsAreKeptAsideAndIngestContinues() throws Exception {
        int scans = 200;
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "bad-gate", mosquitto.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            List<byte[]> bad = new ArrayList<>();
            bad.add("{not json".getBytes(StandardCharsets.UTF_8));
            bad.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0x00, 0x01});
            bad.add(("{\"v\":2,\"gate\":\"bad-gate\",\"epoch\":\"0123456789abcdef\",\"seq\":1}")
                    .getBytes(StandardCharsets.UTF_8));
            bad.add(("{\"v\":1,\"gate\":\"bad-gate\",\"padding\":\"" + "x".repeat(300_000) + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            bad.add("[]".getBytes(StandardCharsets.UTF_8));
            long deadBefore = FaultRig.hubCount(dir.resolve("hub.db"), "SELECT COUNT(*) FROM dead_letters", null);
            MqttClient injector = new MqttClient(mosquitto.url(), "injector", new MemoryPersistence());
            injector.connect(new MqttConnectOptions());
            try {
                for (int i = 1; i <= scans; i++) {
                    rig.scan(i);
                    sleep(SCAN_INTERVAL_MILLIS);
                    if (i % 40 == 0) {
                        injector.publish("gatepost/v1/gates/bad-gate/entries", bad.get(i / 40 - 1), 1, false);
                    }
                }
            } finally {
                injector.disconnect();
                injector.close();
            }
            Verdict v = settle(rig, dir.resolve("hub.db"));
            long dead =
                    FaultRig.hubCount(dir.resolve("hub.db"), "SELECT COUNT(*) FROM dead_letters", null) - deadBefore;
            System.out.printf(
                    "fault-case=6 bad-payloads injected=%d dead-letters=%d committed=%d at-hub=%d gaps=0%n",
                    bad.size(), dead, v.lastSeq, v.hubSeqs.size());
            assertEquals(bad.size(), dead, "every bad payload kept aside");
        }
    }

    /** Case 4: an entry dropped in transit: the gap is detected, a resend requested, the alert raised and cleared. */
    @Test
    void anEntryLostInTransitIsDetectedResentAndItsAlertCleared() throws Exception {
        int scans = 120;
        long lostSeq = 50;
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                MqttDropProxy proxy = new MqttDropProxy(
                        "127.0.0.1",
                        mosquitto.port(),
                        // The entry goes out alone or, when the hub's ack is a moment late, in a batch with the next.
                        m -> (m.startsWith("gatepost/v1/gates/lossy-gate/entries ")
                                        || m.startsWith("gatepost/v1/gates/lossy-gate/batch "))
                                && m.contains("\"seq\":" + lostSeq + ","),
                        1);
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "lossy-gate", proxy.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            Path hubDb = dir.resolve("hub.db");
            String raisedSql = "SELECT COUNT(*) FROM alerts WHERE gate = ? AND kind = 'missing-entries'";
            String openSql = raisedSql + " AND resolved_at IS NULL";
            for (int i = 1; i <= scans; i++) {
                rig.scan(i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            await("the proxy to lose entry " + lostSeq, 30_000, () -> proxy.dropped() == 1);
            await("the hub to raise a missing-entries alert", 30_000, () -> count(hubDb, raisedSql, rig.gateId) == 1);
            await(
                    "the resent entry to fill the gap and clear the alert",
                    60_000,
                    () -> count(hubDb, openSql, rig.gateId) == 0);
            Verdict v = settle(rig, dir.resolve("hub.db"));
            System.out.printf(
                    "fault-case=4 lost-in-transit dropped=%d missing-entries-alerts=%d still-open=%d "
                            + "committed=%d at-hub=%d gaps=0%n",
                    proxy.dropped(),
                    count(hubDb, raisedSql, rig.gateId),
                    count(hubDb, openSql, rig.gateId),
                    v.lastSeq,
                    v.hubSeqs.size());
            assertTrue(v.hubSeqs.contains(lostSeq));
        }
    }

    /**
     * Case 7: the gate's disk fills up. As root (CI) the agent's database lives on a 1 MiB tmpfs; decisions go on
     * (signalled as not recorded), the hub raises a storage alert from the gate's heartbeat, and once the
     * filesystem is grown again the store carries on with no gap and no corruption. Without root the same
     * path is covered in-process by the agent's DiskFullTest with an injected store failure.
     */
    @Test
    void aFullDiskAtTheGateIsSignalledAlertedAndSurvived() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        String why = "fault-case=7 disk-full needs root to mount a tmpfs (covered in-process by DiskFullTest)";
        // Reported as skipped, never as passed, where it cannot run; CI runs as root, so there it must run.
        assertTrue(root || !"true".equals(System.getenv("CI")), why + ", and CI=true runs as root");
        Assumptions.assumeTrue(root, why);
        Path mount = dir.resolve("small-disk");
        Files.createDirectories(mount);
        run("mount", "-t", "tmpfs", "-o", "size=1M", "tmpfs", mount.toString());
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = hub(dir, mosquitto.url());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "full-gate", mosquitto.url(), mount)) {
            rig.gate.aim(35.7);
            rig.startAgent();
            Path hubDb = dir.resolve("hub.db");
            String storageSql = "SELECT COUNT(*) FROM alerts WHERE gate = ? AND kind = 'storage'";
            int i = 0;
            while (!rig.agent().logText().contains("event=entry-not-recorded")) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
                if (i > 20_000) {
                    throw new AssertionError("the 1 MiB filesystem never filled");
                }
            }
            for (int k = 0; k < 5; k++) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            long refused = rig.agent()
                    .logText()
                    .lines()
                    .filter(l -> l.contains("event=entry-not-recorded"))
                    .count();
            try {
                await("the hub to raise a storage alert", 30_000, () -> count(hubDb, storageSql, rig.gateId) >= 1);
            } catch (AssertionError e) {
                String log = rig.agent().logText();
                System.out.println("agent log tail:\n" + log.substring(Math.max(0, log.length() - 6000)));
                throw e;
            }
            long lastBefore = rig.agentLastSeq();
            run("mount", "-o", "remount,size=64M", mount.toString());
            for (int k = 0; k < 20; k++) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            Verdict v = settle(rig, hubDb);
            String integrity;
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + rig.agentDb);
                    ResultSet r = c.createStatement().executeQuery("PRAGMA integrity_check")) {
                r.next();
                integrity = r.getString(1);
            }
            System.out.printf(
                    "fault-case=7 disk-full scans=%d refused-while-full=%d storage-alerts=%d committed-before=%d "
                            + "committed-after-space-returned=%d at-hub=%d integrity=%s gaps=0%n",
                    i,
                    refused,
                    count(hubDb, storageSql, rig.gateId),
                    lastBefore,
                    v.lastSeq,
                    v.hubSeqs.size(),
                    integrity);
            assertTrue(refused > 0);
            assertTrue(v.lastSeq > lastBefore, "the gate records again once space returns");
            assertEquals("ok", integrity);
        } finally {
            run("umount", "-l", mount.toString());
        }
    }

    private static long count(Path hubDb, String sql, String gate) {
        try {
            return FaultRig.hubCount(hubDb, sql, gate);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }

    private record Verdict(long lastSeq, List<Long> signalled, SortedSet<Long> hubSeqs) {}

    /**
     * Lets the last agent run drain, stops it cleanly, and checks the guarantee: the hub holds exactly the
     * sequence numbers 1..lastSeq of the agent's database (no gap, and by its key no duplicate), and every
     * entry the agent logged as signalled is among them.
     */
    private static Verdict settle(FaultRig rig, Path hubDb) throws Exception {
        long[] last = {-1};
        await("the hub to hold every committed entry", 90_000, () -> {
            try {
                long lastSeq = rig.agentLastSeq();
                last[0] = lastSeq;
                return lastSeq > 0 && FaultRig.hubSeqs(hubDb, rig.gateId).size() == lastSeq;
            } catch (Exception e) {
                return false;
            }
        });
        rig.agent().stop();
        long lastSeq = rig.agentLastSeq();
        SortedSet<Long> atHub = FaultRig.hubSeqs(hubDb, rig.gateId);
        List<Long> signalled = rig.agent().signalledSeqs();
        assertEquals(lastSeq, atHub.size(), "as many entries at the hub as committed at the gate");
        assertEquals(1L, atHub.first(), "numbering starts at 1");
        assertEquals(lastSeq, atHub.last().longValue(), "and ends at the gate's last sequence number: no gap");
        for (long s : signalled) {
            assertTrue(atHub.contains(s), "signalled entry " + s + " reached the hub");
        }
        assertEquals(new TreeSet<>(signalled).size(), signalled.size(), "no sequence number signalled twice");
        return new Verdict(lastSeq, signalled, atHub);
    }
}
