package org.gatepost.simulator.rfid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.rfid.Rdm6300Codec;
import org.gatepost.agent.device.rfid.Rdm6300Driver;
import org.gatepost.agent.device.rfid.Rdm6300Settings;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.testing.PtyReplug;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's driver and the emulator on the two ends of a socat pseudo-terminal pair, through jSerialComm:
 * the real serial path. Needs socat ({@code apt-get install socat}); fails, does not skip, without it.
 */
class Rdm6300OverPtyTest {
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final Rdm6300Settings SETTINGS =
            Rdm6300Settings.DEFAULT.withBackoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)));

    @TempDir
    Path dir;

    @Test
    void readsTagsOverAPtyShowsTheUnplugInHealthAndRecoversAfterReplug() throws Exception {
        List<CredentialRead> reads = new CopyOnWriteArrayList<>();
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "rfid");
                Rdm6300Emulator emulator = new Rdm6300Emulator(pty.deviceLinks(Rdm6300Codec.BAUD)).start();
                Rdm6300Driver driver = new Rdm6300Driver(
                        "rfid", pty.agentLinks(Rdm6300Codec.BAUD), Clock.systemUTC(), reads::add, SETTINGS)) {
            driver.start();
            emulator.present(0x003B51C6L);
            Await.until("a read over the pty", DEADLINE, () -> reads.size() == 1, driver::health);
            assertEquals("3887558", reads.getFirst().number());
            emulator.injectBadChecksum(2);
            Await.until("two bad frames", DEADLINE, () -> driver.health().badFrames() == 2, driver::health);
            Await.until(
                    "repeats after the faults", DEADLINE, () -> driver.health().frames() >= 4, driver::health);
            assertEquals(1, reads.size(), "the held tag is one read");
            emulator.remove();

            PtyReplug.unplugAndReplug(pty, driver, emulator, DEADLINE);

            emulator.present(3909740);
            Await.until("a read after the replug", DEADLINE, () -> reads.size() == 2, driver::health);
            assertEquals("3909740", reads.get(1).number());
            DeviceHealth health = driver.health();
            assertEquals(2, health.badFrames());
            assertTrue(health.port().endsWith("rfid-agent"), health.port());
        }
    }
}
