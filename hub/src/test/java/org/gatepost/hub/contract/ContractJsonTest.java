package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsAnEntryUnderHashSchemeV2() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-admit-v2.json"), "north-gate");
        assertEquals(
                new EntryMessage.Credential(
                        "id-card",
                        "v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f",
                        "110105************"),
                e.credential());
    }

    @Test
    void readsEveryFieldOfTheAdmitExample() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-admit.json"), "north-gate");

        assertEquals("north-gate-3f9a1c2e7b5d4e60-41", e.id());
        assertEquals("north-gate", e.gate());
        assertEquals("3f9a1c2e7b5d4e60", e.epoch());
        assertEquals(41, e.seq());
        assertEquals(Instant.parse("2026-11-28T08:15:02.417Z"), e.at());
        assertEquals("5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93", e.boot());
        assertEquals(5123456, e.monoMs());
        assertTrue(e.clockSynced());
        assertEquals(
                new EntryMessage.Credential(
                        "id-card",
                        "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723",
                        "110105********002X"),
                e.credential());
        assertEquals(new EntryMessage.Temperature(36.62, 35.72, 21.4, 0.9, 3), e.temperature());
        assertEquals("admit", e.decision());
        assertEquals(37.3, e.thresholdC());
    }

    @Test
    void readsTheNoReadingExampleWithANullTemperature() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-no-reading.json"), "north-gate");

        assertNull(e.temperature());
        assertEquals("no-reading", e.decision());
        assertFalse(e.clockSynced());
    }

    @Test
    void canonicalFormOfEachEntryExampleEqualsTheExample() throws Exception {
        for (String file : new String[] {"entry-admit.json", "entry-deny-fever.json", "entry-no-reading.json"}) {
            EntryMessage e = ContractJson.parseEntry(Contract.bytes(file), "north-gate");

            assertEquals(Contract.json(file), MAPPER.readTree(ContractJson.canonical(e)), file);
        }
    }

    @Test
    void everyRuleExampleIsAccepted() throws Exception {
        for (String file : new String[] {
            "entry-retest.json",
            "entry-deny-quarantine.json",
            "entry-visitor.json",
            "entry-override.json",
            "entry-sign-in.json"
        }) {
            EntryMessage e = ContractJson.parseEntry(Contract.bytes(file), "north-gate");
            assertEquals(Contract.json(file).get("decision").asText(), e.decision(), file);
        }
    }

    @Test
    void canonicalFormDropsFieldsTheContractDoesNotHave() throws Exception {
        ObjectNode n = Contract.json("entry-admit.json");
        n.put("id_number", "110105199001010021");

        EntryMessage e = ContractJson.parseEntry(Messages.bytes(n), "north-gate");

        assertFalse(ContractJson.canonical(e).contains("110105199001010021"));
    }

    @Test
    void readsTheStatusExamples() throws Exception {
        StatusMessage online = ContractJson.parseStatus(Contract.bytes("status-online.json"), "north-gate");
        StatusMessage lost = ContractJson.parseStatus(Contract.bytes("status-offline-lost.json"), "north-gate");
        StatusMessage shutdown = ContractJson.parseStatus(Contract.bytes("status-offline-shutdown.json"), "north-gate");

        assertTrue(online.online());
        assertEquals("connected", online.reason());
        assertEquals(
                new StatusMessage(
                        "north-gate",
                        "offline",
                        "lost",
                        "3f9a1c2e7b5d4e60",
                        "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93",
                        Instant.parse("2026-11-28T08:00:00Z")),
                lost);
        assertEquals("shutdown", shutdown.reason());
    }

    @Test
    void writesTheAckLikeTheExample() throws Exception {
        byte[] ack = ContractJson.ackPayload("3f9a1c2e7b5d4e60", 42);

        assertEquals(MAPPER.readTree(Contract.bytes("ack.json")), MAPPER.readTree(ack));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "v=2                | /v=2                        | v: unsupported schema version",
                "v missing          | /v=-                        | v: missing or not an integer",
                "v as text          | /v=\"1\"                    | v: missing or not an integer",
                "other gate         | /gate=\"south-gate\"        | gate: differs from the topic's gate 'north-gate'",
                "seq zero           | /seq=0                      | seq: must be an integer in 1..9007199254740991",
                "seq as text        | /seq=\"41\"                 | seq: must be an integer in 1..9007199254740991",
                "seq fraction       | /seq=41.5                   | seq: must be an integer in 1..9007199254740991",
                "epoch upper case   | /epoch=\"3F9A1C2E7B5D4E60\" | epoch: must be 16 lowercase hex digits",
                "id mismatch        | /id=\"north-gate-x-41\"     | id: must be {gate}-{epoch}-{seq}",
                "at not a time      | /at=\"yesterday\"           | at: must be an ISO-8601 UTC time",
                "decision unknown   | /decision=\"maybe\"         | decision: must be one of",
                "decision missing   | /decision=-                 | decision: missing",
                "credential missing | /credential=-               | credential: missing",
                "credential text    | /credential=\"x\"           | credential: must be an object or null",
                "hash short         | /credential/hash=\"abc\"    | credential.hash: must be 64 lowercase hex digits",
                "unmasked number    | /credential/masked=\"110105199001010021\" | credential.masked: must be a masked value",
                "body missing       | /temperature/body_c=-       | temperature.body_c: missing",
                "body as text       | /temperature/body_c=\"36\"  | temperature.body_c: must be a number",
                "samples zero       | /temperature/samples=0      | temperature.samples: must be an integer in 1..100000",
                "clock_synced text  | /clock_synced=\"yes\"       | clock_synced: must be true or false",
                "threshold null     | /threshold_c=null           | threshold_c: must not be null",
            })
    void rejectsAnEntryNamingTheProblem(String name, String edit, String expectedStart) throws Exception {
        ObjectNode n = Contract.json("entry-admit.json");
        Messages.edit(n, edit);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseEntry(Messages.bytes(n), "north-gate"));

        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "empty              | ''                          | payload is empty",
                "not json           | 'not json'                  | payload is not valid JSON",
                "truncated          | '{\"v\":1,'                 | payload is not valid JSON",
                "array              | '[1,2]'                     | payload is not a JSON object",
                "trailing garbage   | '{\"v\":1} x'               | payload is not valid JSON",
                "duplicate key      | '{\"v\":1,\"v\":1}'         | payload is not valid JSON",
            })
    void rejectsAPayloadThatIsNotAJsonObject(String name, String payload, String expected) {
        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class,
                () -> ContractJson.parseEntry(payload.getBytes(StandardCharsets.UTF_8), "north-gate"));

        assertEquals(expected, e.getMessage());
    }

    @Test
    void rejectsAStatusWithAnUnknownState() {
        ObjectNode n = Contract.json("status-online.json");
        n.put("state", "sleeping");

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseStatus(Messages.bytes(n), "north-gate"));

        assertTrue(e.getMessage().startsWith("state: must be one of"), e.getMessage());
    }

    @Test
    void parsesGateAndKindFromTopics() {
        assertEquals(
                new Topics.Ref("north-gate", Topics.Kind.ENTRIES),
                Topics.parse("gatepost/v1/gates/north-gate/entries").orElseThrow());
        assertEquals(
                new Topics.Ref("g_1", Topics.Kind.STATUS),
                Topics.parse("gatepost/v1/gates/g_1/status").orElseThrow());
        assertTrue(Topics.parse("gatepost/v1/gates/north-gate/other").isEmpty());
        assertTrue(Topics.parse("gatepost/v2/gates/north-gate/entries").isEmpty());
        assertTrue(Topics.parse("gatepost/v1/gates/-bad/entries").isEmpty());
        assertEquals("gatepost/v1/gates/north-gate/ack", Topics.ack("north-gate"));
    }
}
