package org.gatepost.agent.device.rfid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.testing.Await;
import org.gatepost.agent.testing.CapturedStderr;
import org.gatepost.agent.testing.DeviceChecks;
import org.gatepost.agent.testing.ForwardableClock;
import org.gatepost.agent.testing.PluggableLinks;
import org.junit.jupiter.api.Test;

/**
 * Everything the driver logs (slf4j-simple writes to System.err, captured here with DEBUG on for this package),
 * the toString of frames, reads and health, and a throwing listener's stack trace: none may hold a full tag id.
 */
class Rdm6300PrivacyTest {
    static {
        enableDebugLogging();
    }

    /** DEBUG for this package, before the driver class initialises: see {@link CapturedStderr#enableDebugLogging}. */
    static void enableDebugLogging() {
        CapturedStderr.enableDebugLogging("org.gatepost.agent.device.rfid");
    }

    private static final long TAG = 3887558;

    @Test
    void noFullTagIdReachesTheLogsOrAnyToString() throws Exception {
        List<String> texts = CapturedStderr.textsWithTheLog(this::runAReaderThroughFaults, "tag=****558");
        for (String t : texts) {
            assertFalse(t.contains(Long.toString(TAG)), "full tag id in: " + t);
        }
    }

    private List<String> runAReaderThroughFaults() throws Exception {
        ForwardableClock clock = new ForwardableClock(Instant.parse("2025-03-01T08:00:00Z"));
        PluggableLinks links = new PluggableLinks("privacy");
        List<CredentialRead> delivered = new CopyOnWriteArrayList<>();
        List<String> texts = new ArrayList<>();
        try (Rdm6300Driver driver = new Rdm6300Driver(
                "rfid", links, clock, CapturedStderr.listenerThatThrows(delivered::add), Rdm6300DriverTest.FAST)) {
            driver.start();
            MemorySerialLink device = links.nextDeviceEnd(Duration.ofSeconds(5));
            byte[] frame = Rdm6300Codec.encode(0x67, TAG);
            device.write(frame);
            device.write(frame);
            device.write(Arrays.copyOf(frame, 9));
            device.write(frame);
            Await.until(
                    "a read, a repeat and a bad frame",
                    Duration.ofSeconds(5),
                    () -> driver.health().frames() == 3 && driver.health().badFrames() == 1,
                    driver::health);
            links.unplug();
            DeviceChecks.awaitOpenFailed(driver, Duration.ofSeconds(5));
            texts.add(driver.health().toString());
        }
        assertEquals(1, delivered.size());
        texts.add(delivered.getFirst().toString());
        texts.add(new Rdm6300Frame(0x67, TAG).toString());
        return texts;
    }
}
