package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.junit.jupiter.api.Test;

/** The heartbeat against docs/contract/heartbeat.json: the same fields, in the same order, of the same types. */
public class HeartbeatContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path EXAMPLE = Path.of("..", "docs", "contract", "heartbeat.json");
    private static final Instant AT = Instant.parse("2026-11-28T08:15:30.000Z");
    private static final List<DeviceReport> DEVICES = List.of(
            new DeviceReport(
                    DeviceReport.THERMOMETER,
                    new DeviceHealth(
                            "thermometer",
                            "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
                            DeviceHealth.State.CONNECTED,
                            125_093,
                            2,
                            0,
                            "",
                            AT)),
            new DeviceReport(
                    DeviceReport.READER,
                    new DeviceHealth(
                            "idcard",
                            "/dev/serial/by-id/usb-Prolific_USB-Serial_Controller-if00-port0",
                            DeviceHealth.State.CONNECTED,
                            9_821,
                            0,
                            1,
                            "link-lost",
                            AT)));

    private static Heartbeat exampleValues(Instant oldestUnsentAt, String storeError, List<DeviceReport> devices) {
        return new Heartbeat(
                "north-gate",
                "3f9a1c2e7b5d4e60",
                "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93",
                AT,
                5_151_583,
                true,
                Duration.ofSeconds(30),
                43,
                40,
                3,
                oldestUnsentAt,
                0,
                1_843_200,
                268_435_456,
                storeError,
                devices,
                Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L));
    }

    @Test
    void theExamplesValuesSerialiseToTheExampleExactly() throws IOException {
        JsonNode example = MAPPER.readTree(EXAMPLE.toFile());
        JsonNode actual = MAPPER.readTree(
                exampleValues(AT.minusMillis(21_400), null, DEVICES).toJson());

        assertEquals(example, actual);
        assertSameShape("", example, actual);
    }

    @Test
    void anotherStateHasTheExamplesFieldsAndTypesWithNullsWhereTheContractAllowsThem() throws IOException {
        JsonNode example = MAPPER.readTree(EXAMPLE.toFile());
        List<DeviceReport> devices = List.of(
                new DeviceReport(
                        DeviceReport.READER,
                        new DeviceHealth(
                                "idcard",
                                "tcp://10.0.0.7:4001",
                                DeviceHealth.State.DISCONNECTED,
                                0,
                                0,
                                7,
                                "connect-refused",
                                null)),
                DEVICES.getFirst());
        JsonNode actual =
                MAPPER.readTree(exampleValues(null, "disk full", devices).toJson());

        assertSameShape("", example, actual);
        assertTrue(actual.get("oldest_unsent_age_s").isNull(), "null when nothing is unacknowledged");
        assertEquals("disk full", actual.get("store").get("error").asText());
        assertEquals("disconnected", actual.get("devices").get(0).get("state").asText());
    }

    @Test
    void aGateWithoutListsReportsListsAsNull() throws IOException {
        Heartbeat h = new Heartbeat(
                "north-gate",
                "3f9a1c2e7b5d4e60",
                "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93",
                AT,
                1,
                true,
                Duration.ofSeconds(30),
                0,
                0,
                0,
                null,
                0,
                0,
                1,
                null,
                List.of(),
                Map.of());

        assertTrue(MAPPER.readTree(h.toJson()).get("lists").isNull());
    }

    @Test
    void ageRoundsToATenthOfASecondAndNeverGoesNegativeWhenTheClockSteppedBack() {
        assertEquals(0.1, exampleValues(AT.minusMillis(149), null, List.of()).oldestUnsentAgeSeconds());
        assertEquals(0.0, exampleValues(AT.plusSeconds(60), null, List.of()).oldestUnsentAgeSeconds());
        assertEquals(0.69, exampleValues(null, null, List.of()).usedPct());
    }

    @Test
    void ageAndUsedPercentageStayWithinTheContractsBoundsWhateverTheClockOrDiskSays() {
        Heartbeat decadesBehind = exampleValues(AT.minus(Duration.ofDays(365L * 30)), null, List.of());
        Heartbeat overBudget = new Heartbeat(
                "north-gate",
                "3f9a1c2e7b5d4e60",
                "b",
                AT,
                1,
                true,
                Duration.ofSeconds(30),
                0,
                0,
                0,
                null,
                0,
                Long.MAX_VALUE / 2,
                1,
                null,
                List.of(),
                Map.of());

        assertEquals(315_360_000.0, decadesBehind.oldestUnsentAgeSeconds());
        assertEquals(1_000_000.0, overBudget.usedPct());
    }

    @Test
    void aDeviceAbsentSinceStartSerialisesLikeTheMissingDeviceExample() throws IOException {
        JsonNode example = MAPPER.readTree(Path.of("..", "docs", "contract", "heartbeat-device-missing.json")
                .toFile());
        DeviceHealth neverOpened = new DeviceHealth(
                        "thermometer", "", DeviceHealth.State.DISCONNECTED, 0, 0, 0, "open-failed", null)
                .withPortOr("/dev/ttyUSB0");
        Heartbeat h = new Heartbeat(
                "north-gate",
                "3f9a1c2e7b5d4e60",
                "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93",
                Instant.parse("2026-11-28T06:00:31.000Z"),
                61_234,
                true,
                Duration.ofSeconds(30),
                12,
                12,
                0,
                null,
                0,
                1_843_200,
                268_435_456,
                null,
                List.of(new DeviceReport(DeviceReport.THERMOMETER, neverOpened), DEVICES.get(1)),
                Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L));

        assertEquals(example, MAPPER.readTree(h.toJson()));
    }

    /**
     * Same field names in the same order at every level, and the same JSON type wherever both values are
     * present (integers and decimals count as different types); a null stands for "string or null" or
     * "number or null" as in the contract.
     */
    public static void assertSameShape(String path, JsonNode expected, JsonNode actual) {
        if (expected.isNull() || actual.isNull()) {
            return;
        }
        assertEquals(kind(expected), kind(actual), path + ": type");
        if (expected.isObject()) {
            assertEquals(fieldNames(expected), fieldNames(actual), path + ": fields");
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                assertSameShape(path + "." + f.getKey(), f.getValue(), actual.get(f.getKey()));
            }
        } else if (expected.isArray()) {
            for (int i = 0; i < actual.size(); i++) {
                assertSameShape(path + "[" + i + "]", expected.get(0), actual.get(i));
            }
        }
    }

    private static String kind(JsonNode n) {
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isFloatingPointNumber()) {
            return "decimal";
        }
        return n.getNodeType().name();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
