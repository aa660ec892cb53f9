package org.gatepost.agent.uplink;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.contract.HeartbeatContractTest;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Closers;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The uplink under a backlog, against a real broker and a minimal hub ({@link TestHub}): batches, the hub-ack
 * window, the alert lane, heartbeats, resend commands and the shutdown flush. Each broker gets a subclass.
 * The drain and alert-lane tests print their figures; they assert order and completeness, not timings.
 */
abstract class UplinkBacklogContract {
    static final String GATE = MqttUplinkMoquetteTest.GATE;
    static final String BOOT = MqttUplinkMoquetteTest.BOOT;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @AutoClose
    private final Closers closers = new Closers();

    SqliteEntryStore store;
    final StoreHealth storeHealth = new StoreHealth();

    /** Starts this class's broker under {@code dir}; returns its URL. It is closed after the test. */
    abstract String startBroker(Path dir, Closers closers) throws Exception;

    /** For the printed figures. */
    abstract String brokerName();

    @BeforeEach
    void openStore() throws StoreException {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, Clock.systemUTC());
        closers.later(store);
    }

    private TestHub hub(String url) throws Exception {
        return closers.later(TestHub.connect(url, GATE));
    }

    private MqttUplink uplink(UplinkSettings settings) {
        DeviceReport thermometer = new DeviceReport(
                DeviceReport.THERMOMETER,
                new DeviceHealth("thermometer", "/dev/ttyUSB0", DeviceHealth.State.CONNECTED, 12, 0, 0, "", null));
        GateTelemetry telemetry =
                new GateTelemetry(() -> List.of(thermometer), storeHealth, 256L << 20, () -> 77L, () -> true);
        return closers.later(
                new MqttUplink(settings, store, Clock.systemUTC(), MqttUplinkMoquetteTest.QUICK_JITTER, telemetry));
    }

    private static UplinkSettings settings(String url) {
        return UplinkSettings.of(url, GATE, BOOT);
    }

    void backlog(int n) throws StoreException {
        for (int from = 0; from < n; from += 1_000) {
            store.appendAll(SampleDrafts.admits(from, Math.min(n, from + 1_000)));
        }
    }

    private void awaitAcked(long upTo) {
        Await.until(WAIT, () -> store.ackedUpTo() == upTo, () -> "ackedUpTo=" + upTo + " but is " + store.ackedUpTo());
    }

    int dayOffline() {
        return 20_000;
    }

    @Test
    void aDayOfflineDrainsInBatchesInSeconds() throws Exception {
        int n = dayOffline();
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        backlog(n);
        List<StoredEntry> samples =
                List.of(store.range(1, 1, 1).getFirst(), store.range(n, n, 1).getFirst());
        MqttUplink uplink = uplink(settings(url));

        long t0 = System.nanoTime();
        uplink.start();
        awaitAcked(n);
        long ms = (System.nanoTime() - t0) / 1_000_000;

        System.out.printf(
                "drain [%s]: %d entries in %d ms (%d entries/s) as %d batch messages, batch %d, window %d%n",
                brokerName(),
                n,
                ms,
                n * 1_000L / Math.max(1, ms),
                hub.batchesReceived(),
                OutboxConfig.DEFAULT_BATCH_SIZE,
                OutboxConfig.DEFAULT_MAX_IN_FLIGHT);
        assertEquals(
                range(1, n), hub.distinctArrivals().stream().sorted().toList(), "every entry, none twice in the set");
        assertTrue(hub.batchesReceived() >= n / OutboxConfig.DEFAULT_BATCH_SIZE, "batches, not single entries");
        for (StoredEntry e : samples) {
            assertEquals(MAPPER.readTree(e.payload()), MAPPER.readTree(hub.payload(e.seq())), "seq " + e.seq());
        }
    }

    @Test
    void aFeverDecidedWhileABacklogDrainsReachesTheHubAheadOfTheBacklogsTail() throws Exception {
        int n = 5_000;
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        hub.ackDelay(Duration.ofMillis(150));
        backlog(n);
        MqttUplink uplink = uplink(settings(url).withBatching(100, 4));
        uplink.start();
        Await.until(WAIT, () -> hub.distinctArrivals().size() >= 1_000, () -> "the drain under way");
        int receivedBefore = hub.distinctArrivals().size();
        assertTrue(receivedBefore < n, "the fever must come while the backlog drains; it had all " + receivedBefore);

        long committedAt = System.nanoTime();
        long fever = store.append(SampleDrafts.fever(1)).seq();
        uplink.wake();
        awaitAcked(fever);

        long latencyMs = (hub.firstArrivalNanos(fever) - committedAt) / 1_000_000;
        long tailAfterMs = (hub.firstArrivalNanos(n) - hub.firstArrivalNanos(fever)) / 1_000_000;
        System.out.printf(
                "alert lane [%s]: fever seq %d reached the hub %d ms after its commit, %d ms ahead of the"
                        + " backlog's tail (seq %d); %d of %d backlog entries were there before it%n",
                brokerName(), fever, latencyMs, tailAfterMs, n, receivedBefore, n);
        assertTrue(hub.firstArrivalNanos(fever) < hub.firstArrivalNanos(n), "the fever overtook the tail");
        List<String> events = hub.events();
        assertTrue(
                events.indexOf("entry:" + fever) < events.indexOf(firstBatchWith(events, n)),
                "on the entries topic, before the batch with the tail: " + events);
        assertEquals(range(1, fever), hub.distinctArrivals().stream().sorted().toList());
    }

    /** The first {@code batch:from-to} event that carries {@code seq} (the tail may share it with later entries). */
    private static String firstBatchWith(List<String> events, long seq) {
        return events.stream()
                .filter(e -> e.startsWith("batch:"))
                .filter(e -> {
                    String[] range = e.substring("batch:".length()).split("-");
                    return Long.parseLong(range[0]) <= seq && seq <= Long.parseLong(range[1]);
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no batch carries " + seq + ": " + events));
    }

    @Test
    void heartbeatsComeRightAfterConnectAndEveryIntervalWithTheContractsFields() throws Exception {
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        backlog(3);
        hub.autoAck(false);
        MqttUplink uplink = uplink(settings(url).withHeartbeatInterval(Duration.ofSeconds(1)));
        uplink.start();

        Await.until(
                WAIT,
                () -> hub.heartbeats().size() >= 3,
                () -> "three heartbeats, saw " + hub.heartbeats().size());
        JsonNode example = MAPPER.readTree(
                Path.of("..", "docs", "contract", "heartbeat.json").toFile());
        for (JsonNode hb : hub.heartbeats()) {
            HeartbeatContractTest.assertSameShape("", example, hb);
        }
        JsonNode last = hub.heartbeats().getLast();
        assertEquals(GATE, last.get("gate").asText());
        assertEquals(store.epoch(), last.get("epoch").asText());
        assertEquals(BOOT, last.get("boot").asText());
        assertEquals(1, last.get("interval_s").asInt());
        assertEquals(3, last.get("last_seq").asLong());
        assertEquals(3, last.get("backlog").asLong());
        assertEquals("thermometer", last.get("devices").get(0).get("kind").asText());
        assertTrue(
                hub.events().indexOf("heartbeat") < hub.events().indexOf("entry:1")
                        || hub.events().indexOf("heartbeat") < hub.events().indexOf("batch:1-3"),
                "the first heartbeat comes with the connect, before the backlog: " + hub.events());
    }

    @Test
    void aDecisionThatCannotBeStoredSendsAHeartbeatAtOnce() throws Exception {
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        MqttUplink uplink = uplink(settings(url).withHeartbeatInterval(Duration.ofHours(1)));
        uplink.start();
        Await.until(WAIT, () -> hub.heartbeats().size() == 1, () -> "the heartbeat after connect");

        long t0 = System.nanoTime();
        storeHealth.notRecorded("append failed: [SQLITE_FULL] database or disk is full");

        Await.until(
                Duration.ofSeconds(10),
                () -> hub.heartbeats().size() == 2,
                () -> "a heartbeat long before the hour is up");
        System.out.printf(
                "store-failure heartbeat [%s]: %d ms after the failure%n",
                brokerName(), (System.nanoTime() - t0) / 1_000_000);
        JsonNode hb = hub.heartbeats().getLast();
        assertEquals(1, hb.get("unrecorded").asLong());
        assertTrue(hb.get("store").get("error").asText().contains("disk is full"), hb.toString());
    }

    @Test
    void aResendCommandRepublishesItsRangeAcknowledgedOrNotAndBadCommandsAreIgnored() throws Exception {
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        backlog(30);
        MqttUplink uplink = uplink(settings(url));
        uplink.start();
        awaitAcked(30);
        hub.clearArrivals();
        String epoch = store.epoch();

        hub.publishCommand(
                "{\"v\":1,\"command\":\"resend\",\"id\":\"a\",\"epoch\":\"ffffffffffffffff\",\"from\":1,\"to\":30}");
        hub.publishCommand("not json");
        hub.publishCommand("{\"v\":1,\"command\":\"reboot\",\"id\":\"b\"}");
        hub.publishCommand(
                "{\"v\":1,\"command\":\"resend\",\"id\":\"c\",\"epoch\":\"" + epoch + "\",\"from\":9,\"to\":3}");
        hub.publishCommand(
                "{\"v\":1,\"command\":\"resend\",\"id\":\"d\",\"epoch\":\"" + epoch + "\",\"from\":5,\"to\":12}");

        Await.until(WAIT, () -> hub.distinctArrivals().size() >= 8, () -> "seq 5..12 again, saw " + hub.arrivals());
        assertEquals(range(5, 12), hub.arrivals().stream().sorted().toList(), "exactly the requested range, once");
        assertTrue(uplink.state().connected(), "bad commands cost nothing");
    }

    @Test
    void aCleanCloseFirstPublishesWhatIsPendingThenAnnouncesTheShutdown() throws Exception {
        int n = 3_000;
        String url = startBroker(dir, closers);
        TestHub hub = hub(url);
        MqttUplink uplink = uplink(settings(url).withShutdownFlush(Duration.ofSeconds(5)));
        uplink.start();
        Await.until(WAIT, () -> uplink.state().connected(), () -> "connected");

        backlog(n);
        uplink.wake();
        uplink.close();

        // Wait for the shutdown itself, not for a count of statuses: delivery is at least once, and a broker
        // that re-sends an unacknowledged "connected" (Moquette after 5 s, or on the observer's reconnect) is right.
        Await.until(
                WAIT,
                () -> hub.events().contains("status:shutdown"),
                () -> "the shutdown status, saw " + hub.statuses());
        List<String> events = new ArrayList<>(hub.events());
        assertEquals(
                "status:shutdown",
                events.stream()
                        .filter(e -> e.startsWith("status:"))
                        .reduce((a, b) -> b)
                        .orElseThrow());
        int shutdownAt = events.indexOf("status:shutdown");
        List<String> before = events.subList(0, shutdownAt);
        assertEquals(range(1, n), arrivalsIn(before), "all of it went out before the stop");
        assertTrue(
                events.subList(shutdownAt, events.size()).stream()
                        .noneMatch(e -> (e.startsWith("batch:") || e.startsWith("entry:")) && !before.contains(e)),
                "no new entry after the shutdown status: " + events.subList(shutdownAt, events.size()));
    }

    /** The distinct seqs that the "batch:a-b" and "entry:s" events name, sorted. */
    private static List<Long> arrivalsIn(List<String> events) {
        TreeSet<Long> seqs = new TreeSet<>();
        for (String e : events) {
            if (e.startsWith("batch:")) {
                String[] bounds = e.substring("batch:".length()).split("-");
                for (long s = Long.parseLong(bounds[0]); s <= Long.parseLong(bounds[1]); s++) {
                    seqs.add(s);
                }
            } else if (e.startsWith("entry:")) {
                seqs.add(Long.parseLong(e.substring("entry:".length())));
            }
        }
        return List.copyOf(seqs);
    }
}
