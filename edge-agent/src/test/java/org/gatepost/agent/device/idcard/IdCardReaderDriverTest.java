package org.gatepost.agent.device.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.agent.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdCardReaderDriverTest {
    static {
        IdCardPrivacyTest.enableDebugLogging();
    }

    static final Instant NOW = Instant.parse("2024-06-11T08:00:00Z");
    static final IdCardReaderDriver.Timing FAST = new IdCardReaderDriver.Timing(
            Duration.ofMillis(10),
            Duration.ofMillis(200),
            Duration.ofMillis(300),
            Duration.ofMillis(10),
            Duration.ofMillis(80));
    static final IdCardText.Fields ZHANG = SamCodecTest.workedFields();
    static final IdCardText.Fields ZHAO = new IdCardText.Fields(
            "赵六", "1", "01", "18800101", "广东省汕头市", "440524188001010014", "汕头市公安局", "20100101", "20300101");

    private final ScriptedSam sam = new ScriptedSam();
    private final List<CardRead> delivered = new CopyOnWriteArrayList<>();
    private volatile boolean plugged = true;
    private volatile MemorySerialLink agentEnd;
    private IdCardReaderDriver driver;

    @BeforeEach
    void startDriver() {
        SerialLinkFactory links = () -> {
            if (!plugged) {
                throw new IOException("no such device: /dev/ttyUSB9");
            }
            MemorySerialLink[] pair = MemorySerialLink.pair("idcard", 20);
            sam.serve(pair[1]);
            agentEnd = pair[0];
            return pair[0];
        };
        driver = new IdCardReaderDriver("idcard", links, Clock.fixed(NOW, ZoneOffset.UTC), delivered::add, FAST);
        driver.start();
    }

    @AfterEach
    void stopDriver() {
        driver.close();
        assertEquals(List.of(), sam.errors);
    }

    @Test
    void deliversOneReadPerPresentation() {
        sam.place(ZHANG);
        Await.until("first read", () -> delivered.size() == 1, driver::counts);
        CardRead r = delivered.getFirst();
        assertEquals("11010519491231002X", r.idNumber());
        assertEquals("张三", r.name());
        assertEquals(NOW, r.at());

        int finds = sam.finds.get();
        Await.until("more polls with the card still on", () -> sam.finds.get() >= finds + 5, driver::counts);
        assertEquals(1, delivered.size());
        assertEquals(1, sam.reads.get(), "no second read of the same presentation");

        sam.remove();
        int noCard = sam.noCardAnswers.get();
        Await.until("find to answer no card", () -> sam.noCardAnswers.get() > noCard, driver::counts);
        sam.place(ZHAO);
        Await.until("second presentation read", () -> delivered.size() == 2, driver::counts);
        assertEquals("440524188001010014", delivered.get(1).idNumber());
        assertEquals(new IdCardReaderDriver.Counts(2, 0, 0, 0, 0), driver.counts());
        assertEquals(DeviceHealth.State.CONNECTED, driver.health().state());
    }

    @Test
    void countsAReadFailureAndSucceedsOnTheRetry() {
        sam.failReads.set(1);
        sam.place(ZHANG);
        Await.until("read after a failure", () -> delivered.size() == 1, driver::counts);
        assertEquals(1, driver.counts().badReads());
        assertEquals("read-failed", driver.health().lastError());
        assertEquals(1, sam.reads.get());
    }

    @Test
    void doesNotDeliverACardWithABadCheckDigitAndCountsItOncePerPresentation() {
        sam.place(ZHANG.withIdNumber("110105194912310029"));
        Await.until("bad read counted", () -> driver.counts().badReads() == 1, driver::counts);
        int finds = sam.finds.get();
        Await.until("more polls", () -> sam.finds.get() >= finds + 5, driver::counts);
        assertEquals(1, driver.counts().badReads());
        assertEquals(1, sam.reads.get());
        assertEquals(List.of(), delivered);
        assertEquals("bad-check-digit", driver.health().lastError());

        sam.remove();
        int noCard = sam.noCardAnswers.get();
        Await.until("no card", () -> sam.noCardAnswers.get() > noCard, driver::counts);
        sam.place(ZHANG);
        Await.until("the good card read", () -> delivered.size() == 1, driver::counts);
    }

    @Test
    void reconnectsWithBackoffAfterTheReaderIsUnplugged() {
        Await.until("connected", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);
        assertEquals("idcard-a", driver.health().port());
        plugged = false;
        agentEnd.unplug();
        Await.until("disconnected", () -> driver.health().state() == DeviceHealth.State.DISCONNECTED, driver::health);
        Await.until("reopen attempts fail", () -> driver.health().lastError().equals("open-failed"), driver::health);
        plugged = true;
        Await.until("reconnected", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);
        assertEquals(1, driver.health().reconnects());
        sam.place(ZHANG);
        Await.until("read after reconnect", () -> delivered.size() == 1, driver::counts);
    }

    @Test
    void countsTimeoutsWhileTheDeviceIsSilentAndRecovers() {
        sam.silent = true;
        Await.until("a timeout", () -> driver.counts().timeouts() >= 1, driver::counts);
        DeviceHealth h = driver.health();
        assertEquals(DeviceHealth.State.ERRORING, h.state());
        assertEquals("timeout", h.lastError());
        assertTrue(h.badFrames() >= 1);
        sam.silent = false;
        Await.until("answers again", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);
        sam.place(ZHANG);
        Await.until("read", () -> delivered.size() == 1, driver::counts);
    }

    @Test
    void countsACorruptResponseAsMalformedAndGoesOn() {
        Await.until("connected", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);
        sam.corruptNext.set(true);
        Await.until("malformed counted", () -> driver.counts().malformed() == 1, driver::counts);
        assertEquals("bad-checksum", driver.health().lastError());
        sam.place(ZHANG);
        Await.until("read", () -> delivered.size() == 1, driver::counts);
        assertEquals(1, driver.health().badFrames());
    }

    @Test
    void closeIsIdempotentStopsThePollingThreadAndRefusesARestart() {
        Await.until("connected", () -> driver.health().state() == DeviceHealth.State.CONNECTED, driver::health);
        driver.close();
        driver.close();
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("idcard-idcard")));
        assertEquals(DeviceHealth.State.DISCONNECTED, driver.health().state());
        assertThrows(IllegalStateException.class, driver::start);
    }

    @Test
    void rejectsNonPositiveTimingNamingTheKey() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> IdCardReaderDriver.Timing.DEFAULT.withPollInterval(Duration.ZERO));
        assertEquals("pollInterval must be positive: PT0S", e.getMessage());
    }
}
