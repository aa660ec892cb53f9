package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The numeric bounds of {@code docs/mqtt.md} ("Bounds"): the last value inside passes, the first outside is refused. */
class ContractBoundsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest(name = "{0} {1}: {2} ok, {3} refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "entry-admit.json    | /seq                   | 9007199254740991 | 9007199254740992 | seq: must be an integer in 1..9007199254740991",
                "entry-admit.json    | /mono_ms               | 9007199254740991 | 9007199254740992 | mono_ms: must be an integer in 0..9007199254740991",
                "entry-admit.json    | /temperature/body_c    | 45.0             | 1e308            | temperature.body_c: must be a number in 30..45",
                "entry-admit.json    | /temperature/body_c    | 30.0             | 29.99            | temperature.body_c: must be a number in 30..45",
                "entry-admit.json    | /temperature/object_c  | 380              | 380.01           | temperature.object_c: must be a number in -70..380",
                "entry-admit.json    | /temperature/object_c  | -70              | -70.01           | temperature.object_c: must be a number in -70..380",
                "entry-admit.json    | /temperature/ambient_c | 125              | 125.5            | temperature.ambient_c: must be a number in -40..125",
                "entry-admit.json    | /temperature/ambient_c | -40              | -1e308           | temperature.ambient_c: must be a number in -40..125",
                "entry-admit.json    | /temperature/offset_c  | -5               | 5.01             | temperature.offset_c: must be a number in -5..5",
                "entry-admit.json    | /temperature/samples   | 100000           | 100001           | temperature.samples: must be an integer in 1..100000",
                "entry-admit.json    | /threshold_c           | 42               | 42.5             | threshold_c: must be a number in 35..42",
                "entry-admit.json    | /threshold_c           | 35               | 0                | threshold_c: must be a number in 35..42",
                "entry-retest.json   | /retest/rest_s         | 3600             | 3601             | retest.rest_s: must be an integer in 0..3600",
                "entry-retest.json   | /retest/first_seq      | 9007199254740991 | 9007199254740992 | retest.first_seq: must be an integer in 1..9007199254740991",
                "entry-override.json | /quota/count           | 100              | 0                | quota.count: must be an integer in 1..100",
                "entry-override.json | /quota/used            | 100000           | 100001           | quota.used: must be an integer in 0..100000",
                "entry-override.json | /override/of           | 9007199254740991 | 9223372036854775807 | override.of: must be an integer in 1..9007199254740991",
                "entry-visitor.json  | /visitor/of            | 1                | 0                | visitor.of: must be an integer in 1..9007199254740991",
                "entry-override.json | /lists/residents       | 9007199254740991 | 9007199254740992 | lists.residents: must be an integer in 1..9007199254740991",
            })
    void entryFieldsAreBounded(String file, String path, String inside, String outside, String reason)
            throws Exception {
        assertEquals(Double.parseDouble(inside), read(set(file, path, inside), path), path);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseEntry(set(file, path, outside), Contract.GATE));

        assertEquals(reason, e.getMessage());
    }

    @Test
    void anEntryOfAThermometerWithoutAmbientSensorHasANullAmbientThatStaysNull() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-no-ambient.json"), Contract.GATE);

        assertEquals(null, e.temperature().ambientC());
        assertEquals(
                MAPPER.readTree(Contract.bytes("entry-no-ambient.json")), MAPPER.readTree(ContractJson.canonical(e)));
    }

    @Test
    void aBatchWithAnEntryOutOfRangeIsRefusedNamingTheEntryAndField() {
        ObjectNode b = Contract.json("batch.json");
        ((ObjectNode) b.get("entries").get(1).get("temperature")).put("body_c", 1e308);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseBatch(Messages.bytes(b), Contract.GATE));

        assertEquals("entries[1].temperature.body_c: must be a number in 30..45", e.getMessage());
    }

    @ParameterizedTest(name = "{0}: {1} ok, {2} refused")
    @CsvSource(
            delimiter = '|',
            value = {
                "last_seq            | 9007199254740991 | 9007199254740992 | last_seq: must be an integer in 0..9007199254740991",
                "acked_up_to         | 9007199254740991 | 9223372036854775807 | acked_up_to: must be an integer in 0..9007199254740991",
                "backlog             | 9007199254740991 | 9007199254740992 | backlog: must be an integer in 0..9007199254740991",
                "unrecorded          | 9007199254740991 | 9007199254740992 | unrecorded: must be an integer in 0..9007199254740991",
                "mono_ms             | 9007199254740991 | 9007199254740992 | mono_ms: must be an integer in 0..9007199254740991",
                "oldest_unsent_age_s | 315360000        | 315360000.5      | oldest_unsent_age_s: must be a number in 0..315360000",
                "oldest_unsent_age_s | 0                | -0.5             | oldest_unsent_age_s: must be a number in 0..315360000",
                "store.bytes         | 9007199254740991 | 9007199254740992 | store.bytes: must be an integer in 0..9007199254740991",
                "store.used_pct      | 1000000          | 1e308            | store.used_pct: must be a number in 0..1000000",
                "lists.residents     | 9007199254740991 | 0                | lists.residents: must be an integer in 1..9007199254740991",
            })
    void heartbeatFieldsAreBounded(String field, String inside, String outside, String reason) throws Exception {
        HeartbeatJson.parse(heartbeatWith(field, inside), Contract.GATE);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> HeartbeatJson.parse(heartbeatWith(field, outside), Contract.GATE));

        assertEquals(reason, e.getMessage());
    }

    @Test
    void aDeviceCounterOutOfRangeMakesThatDeviceInvalidNotTheHeartbeat() throws Exception {
        byte[] payload = Messages.heartbeat(
                Contract.GATE, n -> ((ObjectNode) n.get("devices").get(0)).put("frames", 9007199254740992L));

        HeartbeatMessage h = HeartbeatJson.parse(payload, Contract.GATE);

        assertEquals(HeartbeatMessage.Device.INVALID, h.devices().get(0).state());
        assertEquals(
                "invalid entry: devices[0].frames: must be an integer in 0..9007199254740991",
                h.devices().get(0).lastError());
        assertEquals(HeartbeatMessage.Device.CONNECTED, h.devices().get(1).state());
    }

    private static byte[] set(String file, String path, String json) throws Exception {
        ObjectNode n = Contract.json(file);
        String[] parts = path.substring(1).split("/");
        ObjectNode parent = n;
        for (int i = 0; i < parts.length - 1; i++) {
            parent = (ObjectNode) parent.get(parts[i]);
        }
        parent.set(parts[parts.length - 1], MAPPER.readTree(json));
        if (path.equals("/seq")) {
            n.put("id", n.get("gate").textValue() + "-" + n.get("epoch").textValue() + "-" + json);
        }
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses the entry and reads the field back from its canonical form. */
    private static double read(byte[] payload, String path) throws Exception {
        JsonNode n = MAPPER.readTree(ContractJson.canonical(ContractJson.parseEntry(payload, Contract.GATE)));
        return n.at(path).asDouble();
    }

    private static byte[] heartbeatWith(String field, String json) {
        return Messages.heartbeat(Contract.GATE, n -> {
            String[] parts = field.split("\\.");
            ObjectNode parent = n;
            if (parts.length == 2) {
                if (!(n.get(parts[0]) instanceof ObjectNode)) {
                    n.putObject(parts[0]);
                }
                parent = (ObjectNode) n.get(parts[0]);
            }
            try {
                parent.set(parts[parts.length - 1], MAPPER.readTree(json));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }
}
