package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.Consumer;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;

/**
 * The heartbeat's {@code devices[]} read entry by entry ({@code docs/mqtt.md}, Heartbeat): one broken device
 * entry becomes a device in state {@code invalid} naming the field, and the rest of the heartbeat counts.
 */
class HeartbeatDevicesTest {

    @Test
    void readsTheMissingDeviceExampleAsADisconnectedDeviceWithItsConfiguredPort() throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(Contract.bytes("heartbeat-device-missing.json"), Contract.GATE);

        HeartbeatMessage.Device thermometer = h.devices().get(0);
        assertEquals("/dev/ttyUSB0", thermometer.port());
        assertEquals(HeartbeatMessage.Device.DISCONNECTED, thermometer.state());
        assertEquals("open-failed", thermometer.lastError());
    }

    @Test
    void acceptsAnEmptyPortAsAnOlderAgentSendsIt() throws Exception {
        HeartbeatMessage h = parse(n -> device(n, 0).put("port", "").put("state", "disconnected"));

        assertEquals("", h.devices().get(0).port());
        assertEquals(HeartbeatMessage.Device.DISCONNECTED, h.devices().get(0).state());
    }

    @Test
    void aDeviceWithABadStateIsKeptAsInvalidAndTheOtherDeviceAsSent() throws Exception {
        HeartbeatMessage h = parse(n -> device(n, 0).put("state", "Connected"));

        assertEquals(
                new HeartbeatMessage.Device(
                        "thermometer",
                        "thermometer",
                        "/dev/serial/by-id/usb-1a86_USB_Serial-if00-port0",
                        "invalid",
                        0,
                        0,
                        0,
                        "invalid entry: devices[0].state: must be a lowercase word like connected"),
                h.devices().get(0));
        assertEquals(Contract.GATE, h.gate());
        assertEquals(43, h.lastSeq());
        assertEquals("connected", h.devices().get(1).state());
        assertEquals(9821, h.devices().get(1).frames());
    }

    @Test
    void aSecondDeviceOfTheSameNameIsNamedByItsPosition() throws Exception {
        HeartbeatMessage h = parse(n -> device(n, 1).put("name", "thermometer"));

        assertEquals("connected", h.devices().get(0).state());
        assertEquals("devices[1]", h.devices().get(1).name());
        assertEquals("reader", h.devices().get(1).kind());
        assertEquals(
                "invalid entry: devices[1].name: duplicate device name",
                h.devices().get(1).lastError());
    }

    @Test
    void aDeviceThatIsNotAnObjectIsNamedByItsPositionWithKindUnknown() throws Exception {
        HeartbeatMessage h = parse(n -> ((ArrayNode) n.get("devices")).add("thermometer"));

        HeartbeatMessage.Device d = h.devices().get(2);
        assertEquals(
                new HeartbeatMessage.Device(
                        "devices[2]",
                        "unknown",
                        "",
                        "invalid",
                        0,
                        0,
                        0,
                        "invalid entry: devices[2]: must be an object"),
                d);
    }

    @Test
    void aNullLastErrorKeepsNameKindAndPort() throws Exception {
        HeartbeatMessage h = parse(n -> device(n, 1).putNull("last_error"));

        HeartbeatMessage.Device d = h.devices().get(1);
        assertEquals("idcard", d.name());
        assertEquals("reader", d.kind());
        assertEquals("invalid", d.state());
        assertEquals("invalid entry: devices[1].last_error: must be a string of 0..500 characters", d.lastError());
    }

    private static HeartbeatMessage parse(Consumer<ObjectNode> edit) throws InvalidPayloadException {
        return HeartbeatJson.parse(Messages.heartbeat(Contract.GATE, edit), Contract.GATE);
    }

    private static ObjectNode device(ObjectNode heartbeat, int i) {
        return (ObjectNode) heartbeat.get("devices").get(i);
    }
}
