package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian's {@code mosquitto_pub} (package {@code mosquitto-clients}) as an MQTT 5 client: unlike 3.1.1, MQTT 5
 * tells a publisher why its message was refused (PUBACK reason 0x87, not authorised).
 */
final class MosquittoPub {
    static final Path BINARY = Path.of("/usr/bin/mosquitto_pub");
    private static final Pattern PUBACK = Pattern.compile("received PUBACK \\(Mid: \\d+, RC:(\\d+)\\)");

    /** The PUBACK reason of a refused publish. */
    static final int NOT_AUTHORISED = 0x87;

    private final int port;
    private final ExternalTool tool;

    MosquittoPub(int port) throws SetupException {
        this.port = port;
        this.tool = ExternalTool.find("mosquitto_pub", BINARY, "mosquitto-clients");
    }

    /** Publishes one QoS 1 message over MQTT 5 and returns the PUBACK's reason code. */
    int pubackReason(String user, String password, String topic) throws SetupException {
        String out;
        try {
            out = tool.run(Path.of("."), args(user, password, topic), "mosquitto_pub as " + user);
        } catch (SetupException e) {
            out = e.getMessage();
        }
        Matcher m = PUBACK.matcher(out);
        if (!m.find()) {
            throw new AssertionError("no PUBACK for " + user + " on " + topic + ": " + out);
        }
        return Integer.parseInt(m.group(1));
    }

    /** Asserts that {@code user}'s publish on {@code topic} is refused as not authorised ({@code what} says why not). */
    void assertRefused(String user, String password, String topic, String what) throws SetupException {
        assertEquals(NOT_AUTHORISED, pubackReason(user, password, topic), what);
    }

    /** Asserts that {@code user}'s publish on {@code topic} is accepted (0x00 success, 0x10 success but no subscriber). */
    void assertAccepted(String user, String password, String topic, String what) throws SetupException {
        int reason = pubackReason(user, password, topic);
        assertTrue(reason == 0x00 || reason == 0x10, what + ": PUBACK reason " + reason);
    }

    private List<String> args(String user, String password, String topic) {
        return List.of(
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(port),
                "-V",
                "mqttv5",
                "-q",
                "1",
                "-d",
                "-u",
                user,
                "-P",
                password,
                "-t",
                topic,
                "-m",
                "probe");
    }
}
