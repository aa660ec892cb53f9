package org.gatepost.agent.uplink;

import static org.gatepost.agent.testing.Seqs.range;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.Closers;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.agent.testing.MoquetteBroker;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MqttUplink against an embedded Moquette broker, with a Paho test client playing the hub. Each test has its
 * own broker; only the test that restarts it uses a persistent one.
 */
class MqttUplinkMoquetteTest {
    static final String GATE = "north-gate";
    static final String BOOT = "0d5c4a8e-2b7f-4e31-9a6c-5f1e3d2b7c90";
    /** Always draws 1/32 of the backoff ceiling (15 ms, 31 ms, … 937 ms): quick retries, no busy loop. */
    static final RandomGenerator QUICK_JITTER = () -> 1L << 59;

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @AutoClose
    private final Closers closers = new Closers();

    private SqliteEntryStore store;

    @BeforeEach
    void openStore() throws StoreException {
        store = SqliteEntryStore.open(dir.resolve("gate.db"), GATE, Clock.systemUTC());
        closers.later(store);
    }

    private MqttUplink uplink(String url, Duration resendAfter) {
        UplinkSettings settings = UplinkSettings.of(url, GATE, BOOT).withResendAfter(resendAfter);
        return closers.later(new MqttUplink(settings, store, Clock.systemUTC(), QUICK_JITTER));
    }

    private MqttUplink uplink(String url) {
        return uplink(url, OutboxConfig.DEFAULT_RESEND_AFTER);
    }

    private void append(int count) throws StoreException {
        for (int i = 0; i < count; i++) {
            store.append(SampleDrafts.admit(i));
        }
    }

    /** A hub on {@code broker} that records what arrives and acks nothing until the test says so. */
    private TestHub silentHub(MoquetteBroker broker) throws Exception {
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));
        hub.autoAck(false);
        return hub;
    }

    /** Appends {@code entries}, starts an uplink to {@code broker} and waits until {@code hub} has them all. */
    private MqttUplink startUntilArrived(MoquetteBroker broker, TestHub hub, int entries) throws StoreException {
        append(entries);
        MqttUplink uplink = uplink(broker.url());
        uplink.start();
        Await.until(
                WAIT,
                () -> hub.distinctArrivals().size() == entries,
                () -> "hub got " + entries + " seqs? arrivals " + hub.arrivals());
        return uplink;
    }

    private void awaitAcked(long upTo) {
        Await.until(WAIT, () -> store.ackedUpTo() == upTo, () -> "ackedUpTo=" + upTo + " but is " + store.ackedUpTo());
    }

    @Test
    void publishesEntriesInSeqOrderAndTheHubsAckMarksThemDelivered() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));
        append(20);
        List<StoredEntry> stored = store.unacked(0, 100);
        MqttUplink uplink = uplink(broker.url());

        uplink.start();
        awaitAcked(20);

        assertEquals(range(1, 20), hub.distinctArrivals());
        for (StoredEntry e : stored) {
            assertEquals(e.payload(), hub.payload(e.seq()), "seq " + e.seq());
        }

        append(5);
        uplink.wake();
        awaitAcked(25);
        assertEquals(range(1, 25), hub.distinctArrivals());

        UplinkState state = uplink.state();
        assertTrue(state.connected());
        assertEquals(25, state.ackedUpTo());
        assertEquals(0, state.backlog());
        assertNotNull(state.lastAckAt());
        assertTrue(state.published() >= 25, "published=" + state.published());
    }

    @Test
    void aForgedRetainedAckAboveTheLastSeqIsIgnoredAndCountedAndTheRealAckStillCounts() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = silentHub(broker);
        MqttUplink uplink = startUntilArrived(broker, hub, 3);

        TestHub forger = closers.later(TestHub.connect(broker.url(), GATE, "anonymous-forger"));
        forger.autoAck(false);
        forger.publishAck(store.epoch(), 50);

        Await.until(
                WAIT,
                () -> uplink.state().acksBeyondLastSeq() == 1,
                () -> "acksBeyondLastSeq " + uplink.state().acksBeyondLastSeq());
        assertEquals(0, store.ackedUpTo(), "nothing marked delivered by the forged ack");
        assertEquals(3, uplink.state().backlog());

        hub.publishAck(store.epoch(), 3);
        awaitAcked(3);
        assertEquals(1, uplink.state().acksBeyondLastSeq());
    }

    @Test
    void keepsRetryingTheFirstConnectAndDeliversOnceTheBrokerIsUp() throws Exception {
        int port = FreePorts.pick();
        append(5);
        MqttUplink uplink = uplink("tcp://127.0.0.1:" + port, Duration.ofSeconds(1));

        uplink.start();
        Await.until(
                WAIT,
                () -> uplink.state().connectFailures() >= 2,
                () -> "two failed connects, saw " + uplink.state().connectFailures());
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory(port));
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));

        awaitAcked(5);
        assertEquals(range(1, 5), hub.distinctArrivals());
    }

    @Test
    void deliversEverythingWithoutGapWhenTheBrokerRestartsMidStream() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.start(dir));
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));
        MqttUplink uplink = uplink(broker.url(), Duration.ofSeconds(1));
        uplink.start();
        append(20);
        uplink.wake();
        awaitAcked(20);

        broker.stop();
        Await.until(WAIT, () -> !uplink.state().connected(), () -> "uplink notices the broker is gone");
        append(20);
        uplink.wake();
        broker.restart();
        append(20);
        uplink.wake();

        awaitAcked(60);
        assertEquals(range(1, 60), hub.distinctArrivals().stream().sorted().toList());
        assertTrue(uplink.state().connected());
    }

    @Test
    void aRestartedAgentRepublishesExactlyTheUnacknowledgedEntries() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));
        hub.dropAbove(7);
        append(10);
        MqttUplink first = uplink(broker.url());
        first.start();
        Await.until(WAIT, () -> first.state().published() >= 10, () -> "broker took all 10: " + first.state());
        awaitAcked(7);
        first.close();

        append(5);
        hub.clearArrivals();
        hub.dropAbove(Long.MAX_VALUE);
        MqttUplink second = uplink(broker.url());
        second.start();

        awaitAcked(15);
        assertEquals(range(8, 15), hub.distinctArrivals());
    }

    @Test
    void ignoresAcksThatGoBackwardsNameAnotherEpochOrAreMalformed() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = silentHub(broker);
        MqttUplink uplink = startUntilArrived(broker, hub, 10);
        String epoch = store.epoch();

        hub.publishAck(epoch, 5);
        awaitAcked(5);
        hub.publishAck(epoch, 2);
        hub.publishAck("ffffffffffffffff", 9);
        hub.publishRaw("not json at all");
        hub.publishRaw("{\"v\":1,\"epoch\":\"" + epoch + "\"}");
        hub.publishRaw("{\"v\":2,\"epoch\":\"" + epoch + "\",\"upTo\":8}");
        hub.publishAck(epoch, 99);
        hub.publishAck(epoch, 6);

        Await.until(WAIT, () -> store.ackedUpTo() >= 6, () -> "the last good ack is applied");
        assertEquals(6, store.ackedUpTo(), "only the good acks count");
        assertTrue(uplink.state().connected(), "bad acks do not cost the connection");
    }

    @Test
    void announcesOnlineRetainedAfterConnectAndOfflineShutdownOnCleanClose() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        MqttUplink uplink = uplink(broker.url());
        uplink.start();
        Await.until(WAIT, () -> uplink.state().connected(), () -> "uplink connects");

        TestHub late = closers.later(TestHub.connect(broker.url(), GATE, "late-observer"));
        Await.until(WAIT, () -> !late.statuses().isEmpty(), () -> "retained status for a late subscriber");
        JsonNode online = late.statuses().getLast();
        assertStatus(online, "online", "connected");

        uplink.close();
        // At least once: a re-sent "connected" may come first, so wait for the shutdown itself.
        Await.until(
                WAIT,
                () -> late.statuses().stream()
                        .anyMatch(s -> s.get("reason").asText().equals("shutdown")),
                () -> "shutdown status, saw " + late.statuses());
        assertStatus(late.statuses().getLast(), "offline", "shutdown");

        TestHub later = closers.later(TestHub.connect(broker.url(), GATE, "later-observer"));
        Await.until(WAIT, () -> !later.statuses().isEmpty(), () -> "retained shutdown status");
        assertStatus(later.statuses().getLast(), "offline", "shutdown");
    }

    private void assertStatus(JsonNode status, String state, String reason) {
        assertEquals(1, status.get("v").asInt());
        assertEquals(GATE, status.get("gate").asText());
        assertEquals(state, status.get("state").asText());
        assertEquals(reason, status.get("reason").asText());
        assertEquals(store.epoch(), status.get("epoch").asText());
        assertEquals(BOOT, status.get("boot").asText());
        assertTrue(
                status.get("at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
                status.get("at").asText());
    }

    @Test
    void deliversABurstOfFiveHundredEntriesWithoutLoss() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = closers.later(TestHub.connect(broker.url(), GATE));
        append(500);
        MqttUplink uplink = uplink(broker.url());

        uplink.start();

        awaitAcked(500);
        assertEquals(range(1, 500), hub.distinctArrivals());
        assertTrue(uplink.state().inFlight() <= OutboxConfig.DEFAULT_MAX_IN_FLIGHT);
    }

    @Test
    void republishesWhenTheHubStaysSilentForTheResendInterval() throws Exception {
        MoquetteBroker broker = closers.later(MoquetteBroker.startInMemory());
        TestHub hub = silentHub(broker);
        append(3);
        MqttUplink uplink = uplink(broker.url(), Duration.ofMillis(300));
        uplink.start();

        Await.until(
                WAIT,
                () -> hub.timesReceived(1) >= 2 && hub.timesReceived(3) >= 2,
                () -> "entries sent again, arrivals " + hub.arrivals());
        assertEquals(0, store.ackedUpTo());
        hub.autoAck(true);
        awaitAcked(3);
    }
}
