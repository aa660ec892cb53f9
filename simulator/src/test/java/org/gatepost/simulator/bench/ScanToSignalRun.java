package org.gatepost.simulator.bench;

import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.gatepost.agent.Agent;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.thermometer.GyMcuCodec;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.store.ListDatabase;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.simulator.gate.DevicePort;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.idcard.IdCardEmulator;
import org.gatepost.simulator.testing.QrGateAgents;

/**
 * Figure 1, run in a JVM of its own with the gate's flags ({@code -Xmx64m -XX:+UseSerialGC}): scan to signal.
 * The agent runs in this JVM with its real drivers on socat ptys (jSerialComm), its real store and uplink
 * (to the broker and hub the parent started) and Pi4J's mock GPIO, so the relay's state change can be heard
 * on the thread that switches it. Per scan: a unique QR code, then, once the agent has read it, one
 * temperature frame with a temperature unique to this attempt; the latency runs from the frame's last byte
 * written to the relay's GPIO going high (commit included). The entry's temperature names the frame that
 * decided it, so a frame that arrived before the credential (ignored by the gate) can never be mistaken for
 * the deciding one: it is retried and counted.
 *
 * <p>Usage: {@code ScanToSignalRun <dir> <mqttUrl> <scans> <bareCommits> <resultFile>}; writes a properties file.
 */
public final class ScanToSignalRun {
    private static final String QR = "qr";
    /** A frame not decided within this is taken as ignored and another is sent; a late decision still counts. */
    private static final long RETRY_AFTER_MS = 250;

    private static final long CREDENTIAL_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    private static final int MAX_ATTEMPTS = 5;
    /** Object temperatures 35.00–36.29 °C: with the 0.9 °C offset all admitted (below 37.3), each attempt unique in turn. */
    private static final int FIRST_CENTI_C = 35_00;

    private static final int DISTINCT_TEMPERATURES = 130;
    private static final int AMBIENT_CENTI_C = 25_00;

    private record Decided(int objectCentiC, long relayOnNanos) {}

    private ScanToSignalRun() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        // Before any logger exists: the agent logs to a file, and GPIO signal lines at the level they have on a Pi.
        System.setProperty(
                "org.slf4j.simpleLogger.logFile",
                dir.resolve("agent-in-process.log").toString());
        System.setProperty("org.slf4j.simpleLogger.log.org.gatepost.agent.gpio", "warn");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        String mqttUrl = args[1];
        int scans = Integer.parseInt(args[2]);
        int bareCommits = Integer.parseInt(args[3]);
        Path resultFile = Path.of(args[4]);

        BareCommits bare = BareCommits.measure(dir.resolve("bare"), bareCommits);
        Properties result = new Properties();
        result.setProperty("bare.p50_ms", Double.toString(bare.p50Millis()));
        result.setProperty("bare.p99_ms", Double.toString(bare.p99Millis()));
        result.setProperty("bare.bytes_per_commit", Double.toString(bare.bytesPerCommit()));
        result.setProperty("bare.commits", Integer.toString(bare.commits()));

        plantV2Badges(dir.resolve("s2s-gate.db"));
        try (DevicePort thermometerPort = DevicePort.pty(dir.resolve("dev"), "s2s-thermometer");
                DevicePort idcardPort = DevicePort.pty(dir.resolve("dev"), "s2s-idcard");
                DevicePort qrPort = DevicePort.pty(dir.resolve("dev"), "s2s-qr");
                TriggeredDevice thermometer = new TriggeredDevice(thermometerPort
                        .deviceLinks(SimulatedGate.THERMOMETER_BAUD)
                        .open());
                IdCardEmulator idcard = new IdCardEmulator(idcardPort.deviceLinks(SimulatedGate.IDCARD_BAUD)).start();
                TriggeredDevice qr = new TriggeredDevice(
                        qrPort.deviceLinks(SimulatedGate.READER_BAUD).open());
                Agent agent = Agent.start(
                        AgentConfig.parse(agentProperties(dir, mqttUrl, thermometerPort, idcardPort, qrPort), dir),
                        Clock.systemUTC())) {
            run(agent, thermometer, qr, scans, result);
        }
        try (Writer w = Files.newBufferedWriter(resultFile, StandardCharsets.UTF_8)) {
            result.store(w, "scan to signal");
        }
        System.exit(0); // Paho and Pi4J leave non-daemon threads behind after close
    }

    private static void run(Agent agent, TriggeredDevice thermometer, TriggeredDevice qr, int scans, Properties result)
            throws IOException, InterruptedException {
        DigitalOutput relay = agent.relayOutput();
        long[] relayOn = new long[1];
        relay.addListener(e -> {
            if (e.state() == DigitalState.HIGH) {
                relayOn[0] = System.nanoTime();
            }
        });
        BlockingQueue<Decided> decided = new ArrayBlockingQueue<>(16);
        // Runs on the deciding thread right after the signals, so relayOn[0] was written on this same thread.
        agent.onEntry((Entry e) -> {
            if (e.decision() != Decision.ADMIT || e.draft().temperature() == null) {
                return;
            }
            decided.offer(new Decided((int) Math.round(e.draft().temperature().objectC() * 100), relayOn[0]));
        });
        awaitQrConnected(agent);
        int warmup = Math.min(500, scans / 10);
        long[] latencies = new long[scans];
        int attempt = 0;
        int retries = 0;
        for (int i = -warmup; i < scans; i++) {
            long readsBefore = qrFrames(agent);
            qr.send(("bench-person-" + i + "\r").getBytes(StandardCharsets.US_ASCII));
            while (qrFrames(agent) == readsBefore) {
                LockSupport.parkNanos(100_000);
            }
            // The reader counts a scan just before it hands it to the checkpoint; let the hand-over finish.
            LockSupport.parkNanos(CREDENTIAL_SETTLE_NANOS);
            Map<Integer, Long> sent = new HashMap<>();
            Long latency = null;
            while (latency == null) {
                if (sent.size() == MAX_ATTEMPTS) {
                    throw new IllegalStateException("no decision after " + MAX_ATTEMPTS + " frames, scan " + i);
                }
                int centi = FIRST_CENTI_C + attempt++ % DISTINCT_TEMPERATURES;
                sent.put(centi, thermometer.send(GyMcuCodec.encodeFrame(centi, AMBIENT_CENTI_C)));
                latency = awaitDecision(decided, sent);
                if (latency == null) {
                    retries++;
                }
            }
            if (i >= 0) {
                latencies[i] = latency;
            }
            relay.low(); // ready for the next rising edge without waiting out the pulse
        }
        Percentiles p = new Percentiles(latencies, scans);
        result.setProperty("p50_ms", Double.toString(p.millis(50)));
        result.setProperty("p99_ms", Double.toString(p.millis(99)));
        result.setProperty("max_ms", Double.toString(p.maxMillis()));
        result.setProperty("scans", Integer.toString(scans));
        result.setProperty("warmup", Integer.toString(warmup));
        result.setProperty("retries", Integer.toString(retries));
    }

    /**
     * The latency of this scan's entry, measured from the frame (of those sent for it) whose temperature it
     * carries; null if none was decided within the timeout (the last frame came before the credential).
     */
    private static Long awaitDecision(BlockingQueue<Decided> decided, Map<Integer, Long> sent)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RETRY_AFTER_MS);
        while (true) {
            Decided d = decided.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (d == null) {
                return null;
            }
            Long sentAt = sent.get(d.objectCentiC());
            if (sentAt != null) {
                return d.relayOnNanos() - sentAt;
            }
        }
    }

    private static long qrFrames(Agent agent) {
        for (DeviceHealth h : agent.deviceHealth()) {
            if (h.device().equals(QR)) {
                return h.frames();
            }
        }
        throw new IllegalStateException("the agent has no device named " + QR);
    }

    private static void awaitQrConnected(Agent agent) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            for (DeviceHealth h : agent.deviceHealth()) {
                if (h.device().equals(QR) && h.state() == DeviceHealth.State.CONNECTED) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the agent's QR reader did not connect");
            }
            Thread.sleep(10);
        }
    }

    /**
     * A badges list under hash scheme v2 with one badge nobody presents, stored in the gate's database before it
     * starts (version 1,000,000, above anything the bench's hub publishes): the gate then hashes every card under
     * v2, as a gate of a migrated community does (docs/security.md), while it has no residents and so decides on
     * temperature alone and admits every scan.
     */
    private static void plantV2Badges(Path storeFile) throws Exception {
        SqliteEntryStore.open(storeFile, "s2s-gate", Clock.systemUTC()).close();
        String hash = CredentialHasher.upgrade(new CredentialHasher(HubProcess.SECRET).hash("bench-badge"));
        byte[] part = ("{\"v\":1,\"list\":\"badges\",\"version\":1000000,\"published_at\":\"2026-01-01T00:00:00.000Z\","
                        + "\"parts\":1,\"part\":1,\"items\":[{\"hash\":\"" + hash
                        + "\",\"masked\":\"****adge\",\"name\":\"bench\","
                        + "\"role\":\"staff\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        String sha =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(part));
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        try (ListDatabase db = ListDatabase.open(storeFile)) {
            db.save(new ListDatabase.Stored("badges", 1_000_000, at, sha, List.of(part)), at);
        }
    }

    private static Properties agentProperties(
            Path dir, String mqttUrl, DevicePort thermometer, DevicePort idcard, DevicePort qr) {
        Properties p = new Properties();
        p.setProperty("gate.id", "s2s-gate");
        p.setProperty("community.secret", HubProcess.SECRET);
        p.setProperty("mqtt.url", mqttUrl);
        p.setProperty("store.path", dir.resolve("s2s-gate.db").toString());
        p.setProperty("thermometer.port", thermometer.agentPort());
        p.setProperty("thermometer.baud", Integer.toString(SimulatedGate.THERMOMETER_BAUD));
        p.setProperty("thermometer.offset", "0.9");
        p.setProperty("idcard.port", idcard.agentPort());
        p.setProperty("idcard.baud", Integer.toString(SimulatedGate.IDCARD_BAUD));
        p.setProperty("gpio.mode", "mock");
        p.setProperty("console.bind", "127.0.0.1");
        p.setProperty("console.port", "0");
        p.setProperty("gpio.relay-pulse", "50ms");
        return QrGateAgents.withOneQrReader(p, qr.agentPort());
    }
}
