package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import org.gatepost.hub.Hub;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.deploy.MosquittoConf;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Backend;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.MosquittoProcess;
import org.gatepost.hub.testing.TestDatabases;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub instances on one PostgreSQL behind a real Mosquitto, sharing the gates' messages through
 * {@code $share/gatepost-hubs/...} with clean sessions: every entry stored once, every fever alerted once, every
 * gate's high-water mark and retained ack at its last seq, and both instances doing part of the work. The gates are
 * played by Paho clients publishing the contract's entry messages, doing what the agent does when the hub's ack
 * does not reach its last entry: send that entry again.
 */
class TwoHubsPostgresTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String EPOCH = Contract.EPOCH;
    private static final int GATES = 40;
    private static final int ENTRIES = 50;
    private static final Duration INGEST_WAIT = Duration.ofSeconds(120);

    @RegisterExtension
    final TestDatabases databases = new TestDatabases();

    @TempDir
    Path dir;

    private final Deque<AutoCloseable> open = new ArrayDeque<>();

    @AfterEach
    void closeAll() throws Exception {
        while (!open.isEmpty()) {
            open.pop().close();
        }
    }

    private <T extends AutoCloseable> T closing(T c) {
        open.push(c);
        return c;
    }

    private static String gate(int i) {
        return String.format("gate-%02d", i);
    }

    private static boolean fever(long seq) {
        return seq % 10 == 3;
    }

    /** The contract's admit (or fever) example as entry {@code seq} of {@code gate}. */
    private static byte[] entry(String gate, long seq) {
        ObjectNode n = Contract.json(fever(seq) ? "entry-deny-fever.json" : "entry-admit.json");
        n.put("gate", gate).put("epoch", EPOCH).put("seq", seq).put("id", gate + "-" + EPOCH + "-" + seq);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Hub startHub(String clientId, String url) throws Exception {
        Map<String, String> keys = new HashMap<>(databases.hubKeys(Backend.POSTGRESQL));
        keys.put("mqtt.url", url);
        keys.put("mqtt.client-id", clientId);
        keys.put("broker.data", dir.resolve(clientId + "-broker").toString());
        return Hub.start(TestHubs.config(dir.resolve(clientId), keys), Clock.systemUTC());
    }

    private long sql(String query) throws Exception {
        StoreSettings s = databases.settings(Backend.POSTGRESQL);
        try (Connection c = DriverManager.getConnection(
                        s.url().orElseThrow(), s.username().orElseThrow(), null);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The latest {@code upTo} seen on each gate's ack topic. */
    private static Map<String, Long> acks(TestGateClient watcher) throws Exception {
        Map<String, Long> latest = new HashMap<>();
        for (TestGateClient.Received r : watcher.received()) {
            JsonNode ack = MAPPER.readTree(r.payload());
            latest.put(
                    Topics.parse(r.topic()).orElseThrow().gate(),
                    ack.get("upTo").longValue());
        }
        return latest;
    }

    @Test
    void twoHubsShareTheGatesAndStoreEachEntryOnceWithMarksAndAcksAtTheLastSeq() throws Exception {
        Files.createDirectories(dir);
        int port = MosquittoProcess.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        // The in-flight window of the config mosquitto-setup writes (Mosquitto's default of 20 starves a hub).
        Files.writeString(
                conf,
                "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n" + "max_inflight_messages "
                        + MosquittoConf.MAX_INFLIGHT_MESSAGES + "\n");
        closing(MosquittoProcess.start(conf, List.of(port)));
        String url = "tcp://127.0.0.1:" + port;
        Hub a = closing(startHub("hub-a", url));
        Hub b = closing(startHub("hub-b", url));
        TestGateClient watcher = closing(TestGateClient.connect(url, "ack-watcher"));
        watcher.subscribe(Topics.ROOT + "+/ack");
        List<TestGateClient> publishers = new ArrayList<>();
        for (int p = 0; p < 4; p++) {
            publishers.add(closing(TestGateClient.connect(url, "gates-" + p)));
        }

        long started = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        Map<String, Throwable> failures = new ConcurrentHashMap<>();
        for (int p = 0; p < publishers.size(); p++) {
            TestGateClient publisher = publishers.get(p);
            int first = p;
            Thread t = new Thread(
                    () -> {
                        try {
                            for (long seq = 1; seq <= ENTRIES; seq++) {
                                for (int g = first; g < GATES; g += publishers.size()) {
                                    publisher.publish(Topics.entries(gate(g)), entry(gate(g), seq));
                                }
                            }
                        } catch (Exception e) {
                            failures.put("publisher " + first, e);
                        }
                    },
                    "gates-" + p);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(Map.of(), failures);
        double publishSeconds = (System.nanoTime() - started) / 1e9;
        long total = (long) GATES * ENTRIES;
        Await.until(
                total + " entries stored", INGEST_WAIT, () -> a.store().counts().entries() == total);
        double seconds = (System.nanoTime() - started) / 1e9;
        for (int g = 0; g < GATES; g++) {
            String gate = gate(g);
            Await.until("mark of " + gate, () -> a.store().ackedUpTo(gate, EPOCH) == ENTRIES);
        }

        // The acks: each instance publishes what it committed, so an instance's older value can land after the
        // other's newer one (the agent ignores it: acks never move backwards for it). The retained value is then
        // corrected by the gate's next message; the test sends the gate's last entry again to stand for it, and
        // whichever instance gets it acknowledges the mark the store holds.
        boolean settled = awaitQuietly(() -> allAt(acks(watcher), ENTRIES));
        int resent = 0;
        if (!settled) {
            for (int g = 0; g < GATES; g++) {
                if (acks(watcher).getOrDefault(gate(g), 0L) < ENTRIES) {
                    publishers.get(0).publish(Topics.entries(gate(g)), entry(gate(g), ENTRIES));
                    resent++;
                }
            }
        }
        Await.until("every gate's ack at " + ENTRIES, () -> allAt(acks(watcher), ENTRIES));
        TestGateClient late = closing(TestGateClient.connect(url, "late-subscriber"));
        late.subscribe(Topics.ROOT + "+/ack");
        Await.until("the retained acks of all gates", () -> acks(late).size() == GATES);
        assertTrue(late.received().stream().allMatch(TestGateClient.Received::retained));
        assertTrue(allAt(acks(late), ENTRIES), "retained acks: " + acks(late));

        long fevers = GATES
                * (long)
                        LongStream.rangeClosed(1, ENTRIES).filter(s -> fever(s)).count();
        assertEquals(total, sql("SELECT count(*) FROM entries"));
        assertEquals(total, sql("SELECT count(DISTINCT (gate, epoch, seq)) FROM entries"));
        assertEquals(fevers, sql("SELECT count(*) FROM alerts WHERE kind = 'fever'"));
        assertEquals(fevers, sql("SELECT count(DISTINCT entry_id) FROM alerts WHERE kind = 'fever'"));
        assertEquals(GATES, sql("SELECT count(*) FROM gate_progress WHERE up_to = " + ENTRIES));
        // Each instance counts an entry after its commit: the counters may trail the acks for a moment.
        Await.until(
                "both instances counted their entries",
                () -> a.ingestStats().entriesStored() + b.ingestStats().entriesStored() >= total);
        IngestStats sa = a.ingestStats();
        IngestStats sb = b.ingestStats();
        assertTrue(
                sa.entriesStored() > 0 && sb.entriesStored() > 0,
                "both instances ingested a share: " + sa.entriesStored() + "/" + sb.entriesStored());
        assertEquals(total, sa.entriesStored() + sb.entriesStored(), "each entry stored by exactly one instance");
        assertEquals(resent, sa.duplicates() + sb.duplicates(), "only the resent entries came twice");
        long retries = a.store().transactionRetries() + b.store().transactionRetries();
        System.out.printf(
                "two hubs on one PostgreSQL: %d entries of %d gates in %.2f s (%.0f entries/s; the gates'"
                        + " blocking QoS 1 publishes took %.2f s of it);"
                        + " hub-a stored %d, hub-b stored %d; fever alerts %d; transaction retries %d;"
                        + " acks that needed a resend %d%n",
                total,
                GATES,
                seconds,
                total / seconds,
                publishSeconds,
                sa.entriesStored(),
                sb.entriesStored(),
                fevers,
                retries,
                resent);
    }

    @Test
    void anEntryPublishedWhileNoHubIsSubscribedArrivesThroughTheHubsResendRequest() throws Exception {
        Files.createDirectories(dir);
        int port = MosquittoProcess.freePort();
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        closing(MosquittoProcess.start(conf, List.of(port)));
        String url = "tcp://127.0.0.1:" + port;
        String g = "gate-away";
        TestGateClient gate = closing(TestGateClient.connect(url, g));
        gate.subscribe(Topics.commands(g));
        try (Hub a = startHub("hub-a", url);
                Hub b = startHub("hub-b", url)) {
            for (long seq = 1; seq <= 3; seq++) {
                gate.publish(Topics.entries(g), entry(g, seq));
            }
            Await.until("mark 3", () -> a.store().ackedUpTo(g, EPOCH) == 3);
        }

        gate.publish(Topics.entries(g), entry(g, 4)); // no hub subscribed, clean sessions: the broker drops it
        Hub a = closing(startHub("hub-a", url));
        long published = System.nanoTime();
        gate.publish(Topics.entries(g), entry(g, 5));
        Await.until("seq 5 stored", () -> a.store().counts().entries() == 4);
        assertEquals(3, a.store().ackedUpTo(g, EPOCH), "seq 4 was never delivered: the mark waits below it");

        Await.until(
                "a resend request",
                Duration.ofSeconds(30),
                () -> !gate.received().isEmpty());
        JsonNode resend = MAPPER.readTree(gate.received().get(0).payload());
        assertEquals("resend", resend.get("command").textValue());
        for (long seq = resend.get("from").longValue(); seq <= resend.get("to").longValue(); seq++) {
            gate.publish(Topics.entries(g), entry(g, seq));
        }
        Await.until("mark 5", () -> a.store().ackedUpTo(g, EPOCH) == 5);
        System.out.printf(
                "entry dropped while no hub was subscribed: resend asked for %d..%d, stored %.1f s after"
                        + " the next entry%n",
                resend.get("from").longValue(), resend.get("to").longValue(), (System.nanoTime() - published) / 1e9);
    }

    private static boolean allAt(Map<String, Long> acks, long upTo) {
        if (acks.size() != GATES) {
            return false;
        }
        return acks.values().stream().allMatch(v -> v == upTo);
    }

    /** Polls for up to 3 s (an agent's resend would come later still); false when it did not hold by then. */
    private static boolean awaitQuietly(Callable<Boolean> condition) throws Exception {
        try {
            Await.until("acks settled", Duration.ofSeconds(3), condition);
            return true;
        } catch (AssertionError e) {
            return false;
        }
    }
}
