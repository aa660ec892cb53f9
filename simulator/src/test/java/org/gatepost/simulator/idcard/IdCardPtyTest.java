package org.gatepost.simulator.idcard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.device.idcard.IdCardReaderDriver;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's driver and the emulator on the two ends of a socat pseudo-terminal pair, through jSerialComm:
 * the real serial path. Needs socat ({@code apt-get install socat}); fails, does not skip, without it.
 */
class IdCardPtyTest {
    private static final int BAUD = 115_200;
    private static final Duration DEADLINE = Duration.ofSeconds(15);
    private static final IdCardReaderDriver.Timing TIMING = new IdCardReaderDriver.Timing(
            Duration.ofMillis(50),
            Duration.ofMillis(1000),
            Duration.ofMillis(3000),
            Duration.ofMillis(50),
            Duration.ofMillis(400));

    @TempDir
    Path dir;

    @Test
    void readsCardsOverAPtyAndRecoversWhenTheCableIsPulledAndPluggedBack() throws IOException {
        SyntheticResidents residents = new SyntheticResidents(new SplittableRandom(3));
        List<CardRead> delivered = new CopyOnWriteArrayList<>();
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "idcard");
                IdCardEmulator emulator = new IdCardEmulator(pty.deviceLinks(BAUD)).start();
                IdCardReaderDriver driver = new IdCardReaderDriver(
                        "idcard", pty.agentLinks(BAUD), Clock.systemUTC(), delivered::add, TIMING)) {
            driver.start();
            IdCardText.Fields first = residents.next();
            emulator.placeCard(first);
            Await.until("a read over the pty", DEADLINE, () -> delivered.size() == 1, driver::health);
            assertEquals(first.idNumber(), delivered.getFirst().idNumber());
            assertEquals(pty.agentEnd().toString(), driver.health().port());

            long reconnects = driver.health().reconnects();
            pty.restart();
            Await.until(
                    "the driver reconnects",
                    DEADLINE,
                    () -> driver.health().reconnects() > reconnects
                            && driver.health().state() == DeviceHealth.State.CONNECTED,
                    driver::health);
            assertEquals(1, delivered.size(), "the card left on the reader is not read again");

            emulator.removeCard();
            long commands = emulator.commandsReceived();
            Await.until(
                    "the removal is polled",
                    DEADLINE,
                    () -> emulator.commandsReceived() > commands + 1,
                    driver::health);
            IdCardText.Fields second = residents.next();
            emulator.failNextRead();
            emulator.placeCard(second);
            Await.until("a read after the replug", DEADLINE, () -> delivered.size() == 2, driver::counts);
            assertEquals(second.idNumber(), delivered.get(1).idNumber());
            assertEquals(1, driver.counts().badReads());
            assertTrue(emulator.readsServed() >= 2);
        }
    }
}
