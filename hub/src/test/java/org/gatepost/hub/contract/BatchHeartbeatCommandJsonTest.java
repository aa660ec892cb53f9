package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.function.Consumer;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The batch, heartbeat and command payloads of {@code docs/mqtt.md}, against the examples in docs/contract. */
class BatchHeartbeatCommandJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    @Test
    void readsTheBatchExampleAsTwoEntriesEqualToTheSingleEntryExamples() throws Exception {
        BatchMessage b = ContractJson.parseBatch(Contract.bytes("batch.json"), "north-gate");

        assertEquals("north-gate", b.gate());
        assertEquals(Contract.EPOCH, b.epoch());
        assertEquals(41, b.firstSeq());
        assertEquals(42, b.lastSeq());
        assertEquals(Contract.entry("entry-admit.json"), b.entries().get(0));
        assertEquals(Contract.entry("entry-deny-fever.json"), b.entries().get(1));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "batch for another gate   | gate                | gate: differs from the topic's gate 'north-gate'",
                "entry of another gate    | entries.1.gate      | entries[1].gate: differs from the topic's gate 'north-gate'",
                "entry of another epoch   | entries.1.epoch     | entries[1].epoch: differs from the batch's epoch",
                "seq repeats              | entries.1.seq=41    | entries[1].seq: must be 42 (consecutive, ascending)",
                "seq goes back            | entries.1.seq=40    | entries[1].seq: must be 42 (consecutive, ascending)",
                "seq skips one            | entries.1.seq=43    | entries[1].seq: must be 42 (consecutive, ascending)",
                "entry v=2                | entries.0.v         | entries[0].v: unsupported schema version",
                "entry without decision   | entries.0.decision  | entries[0].decision: missing",
                "no entries               | entries=[]          | entries: must be an array of 1..1000 objects",
                "entries not an array     | entries={}          | entries: must be an array of 1..1000 objects",
                "batch epoch upper case   | epoch               | epoch: must be 16 lowercase hex digits",
            })
    void rejectsABatchWholeNamingTheFirstProblem(String name, String edit, String expected) {
        ObjectNode b = Contract.json("batch.json");
        breakBatch(b, edit);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseBatch(Messages.bytes(b), "north-gate"));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void acceptsTheLargestBatchAndRefusesOneMore() throws Exception {
        ObjectNode max = Messages.batch("north-gate", Contract.EPOCH, 1, ContractJson.MAX_BATCH_ENTRIES, T);
        ObjectNode tooMany = Messages.batch("north-gate", Contract.EPOCH, 1, ContractJson.MAX_BATCH_ENTRIES + 1, T);

        assertEquals(
                ContractJson.MAX_BATCH_ENTRIES,
                ContractJson.parseBatch(Messages.bytes(max), "north-gate")
                        .entries()
                        .size());
        assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseBatch(Messages.bytes(tooMany), "north-gate"));
    }

    @Test
    void readsEveryFieldOfTheHeartbeatExample() throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(Contract.bytes("heartbeat.json"), "north-gate");

        assertEquals("north-gate", h.gate());
        assertEquals(Contract.EPOCH, h.epoch());
        assertEquals("5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93", h.boot());
        assertEquals(Instant.parse("2026-11-28T08:15:30.000Z"), h.at());
        assertEquals(5151583, h.monoMs());
        assertTrue(h.clockSynced());
        assertEquals(30.0, h.intervalS());
        assertEquals(43, h.lastSeq());
        assertEquals(40, h.ackedUpTo());
        assertEquals(3, h.backlog());
        assertEquals(21.4, h.oldestUnsentAgeS());
        assertEquals(0, h.unrecorded());
        assertEquals(new HeartbeatMessage.StoreUsage(1843200, 268435456, 0.69, null), h.store());
        assertEquals(
                new HeartbeatMessage.Device(
                        "idcard",
                        "reader",
                        "/dev/serial/by-id/usb-Prolific_USB-Serial_Controller-if00-port0",
                        "connected",
                        9821,
                        0,
                        1,
                        "link-lost"),
                h.devices().get(1));
        assertEquals("", h.devices().get(0).lastError());
    }

    @Test
    void storesTheDevicesAsExactlyTheExamplesDeviceList() throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(Contract.bytes("heartbeat.json"), "north-gate");

        assertEquals(
                Contract.json("heartbeat.json").get("devices"),
                MAPPER.readTree(HeartbeatJson.devicesJson(h.devices())));
    }

    @Test
    void acceptsNoBacklogAgeAndAStorageError() throws Exception {
        HeartbeatMessage h = HeartbeatJson.parse(
                Messages.heartbeat("north-gate", n -> {
                    n.putNull("oldest_unsent_age_s");
                    ((ObjectNode) n.get("store")).put("error", "SQLITE_FULL");
                    n.putArray("devices");
                }),
                "north-gate");

        assertNull(h.oldestUnsentAgeS());
        assertEquals("SQLITE_FULL", h.store().error());
        assertTrue(h.devices().isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "interval zero      | interval_s       | interval_s: must be a number of seconds in (0, 86400]",
                "backlog negative   | backlog          | backlog: must be an integer in 0..9007199254740991",
                "store missing      | store            | store: missing",
                "used_pct text      | store.used_pct   | store.used_pct: must be a number in 0..1000000",
                "gate differs       | gate             | gate: differs from the topic's gate 'north-gate'",
            })
    void rejectsAHeartbeatNamingTheProblem(String name, String field, String expected) {
        byte[] payload = Messages.heartbeat("north-gate", breakHeartbeat(field));

        InvalidPayloadException e =
                assertThrows(InvalidPayloadException.class, () -> HeartbeatJson.parse(payload, "north-gate"));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }

    @Test
    void writesTheResendCommandLikeTheExample() throws Exception {
        ResendCommand c = ResendCommand.of("north-gate", Contract.EPOCH, 44, 57, 1);

        assertEquals(
                MAPPER.readTree(Contract.bytes("command-resend.json")), MAPPER.readTree(ContractJson.resendPayload(c)));
    }

    @Test
    void givesALaterAttemptItsOwnRequestId() {
        assertEquals(
                "resend-north-gate-3f9a1c2e7b5d4e60-44-57-3",
                ResendCommand.of("north-gate", Contract.EPOCH, 44, 57, 3).id());
        assertThrows(IllegalArgumentException.class, () -> ResendCommand.of("g", Contract.EPOCH, 5, 4, 1));
    }

    @Test
    void parsesTheNewTopicKinds() {
        assertEquals(
                new Topics.Ref("north-gate", Topics.Kind.BATCH),
                Topics.parse(Topics.batch("north-gate")).orElseThrow());
        assertEquals(
                new Topics.Ref("north-gate", Topics.Kind.HEARTBEAT),
                Topics.parse(Topics.heartbeat("north-gate")).orElseThrow());
        assertEquals("gatepost/v1/gates/north-gate/commands", Topics.commands("north-gate"));
        assertFalse(Topics.HUB_SUBSCRIPTIONS.contains(Topics.ROOT + "+/commands"), "the hub never reads commands");
    }

    /** {@code path} alone breaks the field in the obvious way; {@code path=json} sets it. */
    private static void breakBatch(ObjectNode b, String edit) {
        String[] kv = edit.split("=", 2);
        String[] path = kv[0].split("\\.");
        ObjectNode parent = b;
        for (int i = 0; i < path.length - 1; i += 2) {
            parent = (ObjectNode) ((ArrayNode) parent.get(path[i])).get(Integer.parseInt(path[i + 1]));
        }
        String field = path[path.length - 1];
        if (kv.length == 2) {
            try {
                parent.set(field, MAPPER.readTree(kv[1]));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            if (field.equals("seq")) {
                parent.put(
                        "id",
                        parent.get("gate").textValue() + "-"
                                + parent.get("epoch").textValue() + "-" + kv[1]);
            }
            return;
        }
        switch (field) {
            case "gate" -> {
                parent.put("gate", "south-gate");
                if (parent.has("seq")) {
                    parent.put("id", "south-gate-" + parent.get("epoch").textValue() + "-" + parent.get("seq"));
                }
            }
            case "epoch" -> {
                String other = parent == b ? "3F9A1C2E7B5D4E60" : "0123456789abcdef";
                parent.put("epoch", other);
                if (parent.has("seq")) {
                    parent.put("id", parent.get("gate").textValue() + "-" + other + "-" + parent.get("seq"));
                }
            }
            case "v" -> parent.put("v", 2);
            default -> parent.remove(field);
        }
    }

    private static Consumer<ObjectNode> breakHeartbeat(String field) {
        return n -> {
            switch (field) {
                case "interval_s" -> n.put("interval_s", 0);
                case "backlog" -> n.put("backlog", -1);
                case "store" -> n.remove("store");
                case "store.used_pct" -> ((ObjectNode) n.get("store")).put("used_pct", "0.69");
                case "gate" -> n.put("gate", "south-gate");
                default -> throw new IllegalArgumentException(field);
            }
        };
    }
}
