package org.gatepost.agent.device.thermometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.gatepost.agent.device.serial.MemorySerialLink;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.junit.jupiter.api.Test;

/**
 * Baud probing against a scripted module that answers queries only at its own baud; at any other baud the
 * bytes arrive garbled, as they do on a real UART. (Pseudo-terminals pass bytes at any baud, so this cannot
 * be shown on a pty.)
 */
class BaudProbeTest {
    /** Generous, so that a busy machine's scheduling cannot make the answering module look silent. */
    private static final Duration ANSWER_WINDOW = Duration.ofSeconds(1);

    private final List<Integer> opened = new ArrayList<>();

    /** A module at {@code moduleBaud}: answers a query with the worked frame, or with line noise at a wrong baud. */
    private IntFunction<SerialLinkFactory> moduleAt(int moduleBaud) {
        return baud -> () -> {
            opened.add(baud);
            MemorySerialLink[] pair = MemorySerialLink.pair("gy-" + baud, 20);
            SerialLink device = pair[1];
            Thread t = new Thread(() -> {
                byte[] buf = new byte[16];
                try {
                    while (true) {
                        int n = device.read(buf, 0, buf.length);
                        if (n == 0) {
                            continue;
                        }
                        device.write(
                                baud == moduleBaud
                                        ? GyMcuCodec.encodeFrame(3192, 3353)
                                        : new byte[] {
                                            (byte) 0xF8, 0x00, (byte) 0x80, (byte) 0xFE, 0x78, 0x00, (byte) 0xE0, 0x06
                                        });
                    }
                } catch (IOException e) {
                    // link closed: the probe moved on
                }
            });
            t.setDaemon(true);
            t.start();
            return pair[0];
        };
    }

    @Test
    void findsAModuleAt115200AfterTrying9600() throws Exception {
        BaudProbe probe = new BaudProbe(moduleAt(115200), ANSWER_WINDOW);
        try (SerialLink link = probe.open()) {
            assertEquals(115200, probe.foundBaud());
            assertEquals(List.of(9600, 115200), opened);
            assertTrue(link.name().contains("115200"));
        }
    }

    @Test
    void triesTheBaudThatWorkedFirstWhenReopening() throws Exception {
        BaudProbe probe = new BaudProbe(moduleAt(115200), ANSWER_WINDOW);
        probe.open().close();
        opened.clear();
        probe.open().close();
        assertEquals(List.of(115200), opened);
    }

    @Test
    void failsWithBothBaudsNamedWhenNothingAnswers() {
        BaudProbe probe = new BaudProbe(moduleAt(4800), Duration.ofMillis(100));
        IOException e = assertThrows(IOException.class, probe::open);
        assertTrue(e.getMessage().contains("[9600, 115200]"), e.getMessage());
        assertEquals(0, probe.foundBaud());
    }

    @Test
    void aMissingPortIsReportedAtOnceWithoutTryingOtherBauds() {
        BaudProbe probe = new BaudProbe(
                baud -> () -> {
                    opened.add(baud);
                    throw new IOException("no such serial port: /dev/gatepost-thermometer");
                },
                Duration.ofMillis(100));
        assertThrows(IOException.class, probe::open);
        assertEquals(List.of(9600), opened);
    }
}
