package org.gatepost.agent.device.scanner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * the toString of reads and health, and a throwing listener's stack trace: none may hold the scanned text.
 */
class ScannerPrivacyTest {
    static {
        enableDebugLogging();
    }

    /** DEBUG for this package, before the driver class initialises: see {@link CapturedStderr#enableDebugLogging}. */
    static void enableDebugLogging() {
        CapturedStderr.enableDebugLogging("org.gatepost.agent.device.scanner");
    }

    private static final String TOKEN = "hc7Q2xPz91";

    @Test
    void noScannedTextReachesTheLogsOrAnyToString() throws Exception {
        List<String> texts = CapturedStderr.textsWithTheLog(this::runAScannerThroughFaults, "event=scan-read");
        for (String t : texts) {
            assertFalse(t.contains(TOKEN), "scanned text in: " + t);
        }
    }

    private List<String> runAScannerThroughFaults() throws Exception {
        ForwardableClock clock = new ForwardableClock(Instant.parse("2025-03-01T08:00:00Z"));
        PluggableLinks links = new PluggableLinks("privacy");
        List<CredentialRead> delivered = new CopyOnWriteArrayList<>();
        List<String> texts = new ArrayList<>();
        try (ScannerDriver driver = new ScannerDriver(
                "scanner",
                links,
                clock,
                CapturedStderr.listenerThatThrows(delivered::add),
                ScannerDriverTest.FAST.withMaxLengthBytes(16))) {
            driver.start();
            MemorySerialLink device = links.nextDeviceEnd(Duration.ofSeconds(5));
            String url = "https://jkm.example/q?t=" + TOKEN;
            device.write(("X" + TOKEN + "\r").getBytes(StandardCharsets.US_ASCII)); // good, 11 bytes
            device.write(("X" + TOKEN + "\r").getBytes(StandardCharsets.US_ASCII)); // a repeat
            device.write((url + "\r").getBytes(StandardCharsets.US_ASCII)); // oversize
            device.write((TOKEN + "\u0007\r").getBytes(StandardCharsets.US_ASCII)); // bad text
            device.write(TOKEN.getBytes(StandardCharsets.US_ASCII)); // no terminator
            Await.until(
                    "all lines handled",
                    Duration.ofSeconds(5),
                    () -> links.drained(11 + 11 + url.length() + 1 + 12 + 10),
                    driver::health);
            clock.forward(ScannerSettings.DEFAULT_IDLE_GAP);
            Await.until("the gap line read", Duration.ofSeconds(5), () -> delivered.size() == 2, driver::health);
            links.unplug();
            DeviceChecks.awaitOpenFailed(driver, Duration.ofSeconds(5));
            texts.add(driver.health().toString());
        }
        assertEquals(2, delivered.size());
        for (CredentialRead r : delivered) {
            texts.add(r.toString());
        }
        return texts;
    }
}
