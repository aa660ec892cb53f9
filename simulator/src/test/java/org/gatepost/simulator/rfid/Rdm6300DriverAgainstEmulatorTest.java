package org.gatepost.simulator.rfid;

import static org.gatepost.simulator.testing.InMemoryCable.onlyOnce;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.rfid.Rdm6300Driver;
import org.gatepost.agent.device.rfid.Rdm6300Settings;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.ForwardableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The agent's real driver against the emulator over an in-memory null-modem pair. The emulator repeats frames
 * in real time; the driver's removal silence runs on a clock the test moves once the line has gone quiet.
 */
class Rdm6300DriverAgainstEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration REMOVAL = Duration.ofMillis(300);

    private final MemorySerialLink[] pair = MemorySerialLink.pair("rfid", 5);
    private final Rdm6300Emulator emulator = new Rdm6300Emulator(pair[1]).start();
    private final List<CredentialRead> reads = new CopyOnWriteArrayList<>();
    private final ForwardableClock clock = new ForwardableClock(Instant.parse("2025-03-01T08:00:00Z"));
    private final Rdm6300Driver driver = new Rdm6300Driver(
            "rfid",
            onlyOnce(pair[0]),
            clock,
            reads::add,
            Rdm6300Settings.DEFAULT
                    .withRemovalSilence(REMOVAL)
                    .withBackoff(new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))));

    @AfterEach
    void closeAll() {
        driver.close();
        emulator.close();
    }

    @Test
    void aTagHeldInTheFieldIsOneReadAndReadsAgainAfterLeavingIt() {
        driver.start();
        emulator.present(0x003B51C6L);
        Await.until("five frames of the held tag", WAIT, () -> driver.health().frames() >= 5, driver::health);

        assertEquals(1, reads.size());
        assertEquals("3887558", reads.getFirst().number());
        assertEquals(CredentialRead.KIND_RFID, reads.getFirst().kind());

        emulator.remove();
        awaitEverySentFrameDecoded();
        clock.forward(REMOVAL);
        assertEquals(1, reads.size());
        emulator.present(0x003B51C6L);
        Await.until("the second presentation", WAIT, () -> reads.size() == 2, driver::health);
    }

    @Test
    void anotherTagReplacingTheFirstIsReadAtOnce() {
        driver.start();
        emulator.present(3909740);
        Await.until("the first tag", WAIT, () -> reads.size() == 1, driver::health);

        emulator.present(3909735);

        Await.until("the second tag", WAIT, () -> reads.size() == 2, driver::health);
        assertEquals("3909735", reads.get(1).number());
    }

    @Test
    void injectedFaultsAreCountedNeverDeliveredAndTheHeldTagStaysOneRead() {
        driver.start();
        emulator.present(3909740);
        Await.until("the tag read", WAIT, () -> reads.size() == 1, driver::health);

        emulator.injectBadChecksum(2);
        Await.until("two bad checksums", WAIT, () -> driver.health().badFrames() == 2, driver::health);
        assertEquals("bad-checksum", driver.health().lastError());
        emulator.injectTruncated();
        Await.until("the truncated frame", WAIT, () -> driver.health().badFrames() == 3, driver::health);
        assertEquals("bad-hex", driver.health().lastError());
        emulator.injectGarbage(new byte[] {0x41, 0x42, 0x43});
        Await.until("the garbage", WAIT, () -> driver.health().badFrames() == 4, driver::health);
        long frames = driver.health().frames();
        Await.until("good frames again", WAIT, () -> driver.health().frames() >= frames + 2, driver::health);

        assertEquals(1, reads.size(), "faults shorter than the removal silence do not make a second read");
        DeviceHealth health = driver.health();
        assertEquals(State.CONNECTED, health.state());
        assertEquals(4, health.badFrames());
    }

    @Test
    void aSilenceLongerThanTheRemovalLimitMakesTheTagReadAgain() {
        driver.start();
        emulator.present(3887558);
        Await.until("the tag read", WAIT, () -> reads.size() == 1, driver::health);

        emulator.silence(true);
        awaitEverySentFrameDecoded();
        clock.forward(REMOVAL);
        emulator.silence(false);

        Await.until("the tag read again", WAIT, () -> reads.size() == 2, driver::health);
        assertEquals(0, driver.health().badFrames());
    }

    /** Once the emulator stopped sending: waits until the driver has decoded every frame it sent. */
    private void awaitEverySentFrameDecoded() {
        Await.until(
                "every sent frame decoded",
                WAIT,
                () -> driver.health().frames() == emulator.framesSent(),
                () -> driver.health() + " sent=" + emulator.framesSent());
    }
}
