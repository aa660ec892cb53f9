package org.gatepost.agent.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.HealthColour;
import org.gatepost.agent.entry.HealthStatus;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.identity.HashScheme;
import org.junit.jupiter.api.Test;

/** EntryJson against the example payloads of docs/contract, which are part of the agent–hub contract. */
class EntryJsonContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");
    private static final String GATE = "north-gate";
    private static final String EPOCH = "3f9a1c2e7b5d4e60";
    private static final String BOOT = "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93";
    private static final Credential CARD_A = new Credential(
            Credential.KIND_ID_CARD,
            "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723",
            "110105********002X");
    private static final String VOLUNTEER = "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24";
    private static final Map<String, Long> LISTS =
            Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L);
    private static final Temperature NORMAL = new Temperature(36.62, 35.72, 21.4, 0.9, 3);
    private static final Credential CARD_B = new Credential(
            Credential.KIND_ID_CARD,
            "f8ad575cd4e8c624bda142e84272a56981c36c6928e29cfc92ed8b0e20fa99ad",
            "440524********0014");

    @Test
    void admitEntryMatchesTheContractExample() throws IOException {
        Entry e = new Entry(
                GATE,
                EPOCH,
                41,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:15:02.417Z"),
                        BOOT,
                        5_123_456,
                        true,
                        CARD_A,
                        new Temperature(36.62, 35.72, 21.4, 0.9, 3),
                        Decision.ADMIT,
                        37.3,
                        withoutLists(true)));
        assertMatchesContract("entry-admit.json", EntryJson.toJson(e));
    }

    @Test
    void aThermometerWithoutAmbientSensorPublishesAmbientAsNullLikeTheExample() throws IOException {
        Entry e = new Entry(
                GATE,
                EPOCH,
                41,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:15:02.417Z"),
                        BOOT,
                        5_123_456,
                        true,
                        CARD_A,
                        new Temperature(36.62, 35.72, Double.NaN, 0.9, 3),
                        Decision.ADMIT,
                        37.3,
                        withoutLists(true)));
        assertMatchesContract("entry-no-ambient.json", EntryJson.toJson(e));
    }

    @Test
    void admitEntryUnderHashSchemeV2MatchesTheContractExample() throws IOException {
        Credential v2 = new CredentialHasher("example-community-secret").idCard("11010519491231002X", HashScheme.V2);
        Entry e = new Entry(
                GATE,
                EPOCH,
                42,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:15:02.417Z"),
                        BOOT,
                        5_123_456,
                        true,
                        v2,
                        new Temperature(36.62, 35.72, 21.4, 0.9, 3),
                        Decision.ADMIT,
                        37.3,
                        withoutLists(true)));
        assertMatchesContract("entry-admit-v2.json", EntryJson.toJson(e));
    }

    @Test
    void feverEntryMatchesTheContractExample() throws IOException {
        Entry e = new Entry(
                GATE,
                EPOCH,
                42,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:15:09.102Z"),
                        BOOT,
                        5_130_141,
                        true,
                        CARD_B,
                        new Temperature(38.05, 37.15, 21.5, 0.9, 3),
                        Decision.DENY_FEVER,
                        37.3,
                        withoutLists(false)));
        assertMatchesContract("entry-deny-fever.json", EntryJson.toJson(e));
    }

    @Test
    void noReadingEntryWithWholeSecondTimeKeepsThreeFractionDigits() throws IOException {
        Entry e = new Entry(
                GATE,
                EPOCH,
                43,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:16:40Z"),
                        BOOT,
                        5_221_039,
                        false,
                        CARD_A,
                        null,
                        Decision.NO_READING,
                        37.3,
                        withoutLists(false)));
        String json = EntryJson.toJson(e);
        assertMatchesContract("entry-no-reading.json", json);
        assertEquals("2026-11-28T08:16:40.000Z", MAPPER.readTree(json).get("at").asText());
    }

    @Test
    void retestEntryWritesItsOwnSeqAsFirstSeq() throws IOException {
        RuleFields r = RuleFields.builder()
                .direction("out")
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-501", false))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .retest(new RuleFields.Retest(300L, RuleFields.Retest.SELF, null))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                43,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:16:40Z"),
                        BOOT,
                        5_221_039,
                        true,
                        CARD_A,
                        new Temperature(37.62, 36.72, 21.5, 0.9, 3),
                        Decision.RETEST,
                        37.3,
                        r));
        assertMatchesContract("entry-retest.json", EntryJson.toJson(e));
    }

    @Test
    void quarantineEntryMatchesTheContractExample() throws IOException {
        RuleFields r = RuleFields.builder()
                .direction("out")
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-502", true))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                44,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:17:12.350Z"),
                        BOOT,
                        5_253_389,
                        true,
                        CARD_B,
                        NORMAL,
                        Decision.DENY_QUARANTINE,
                        37.3,
                        r));
        assertMatchesContract("entry-deny-quarantine.json", EntryJson.toJson(e));
    }

    @Test
    void visitorEntryMatchesTheContractExample() throws IOException {
        Credential card = new Credential(
                Credential.KIND_ID_CARD,
                "0b6f1c5d2e3a4f5061728394a5b6c7d8e9f00112233445566778899aabbccdde",
                "320102********1234");
        RuleFields r = RuleFields.builder()
                .admitted(true)
                .direction("in")
                .reader("idcard")
                .person(new RuleFields.Person("visitor", "3-2-501", false))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .visitor(new RuleFields.Visitor(52, "赵敏", "13812345678", "3-2-501", "探亲"))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                53,
                new EntryDraft(
                        Instant.parse("2026-11-28T09:02:31.906Z"),
                        BOOT,
                        7_972_945,
                        true,
                        card,
                        NORMAL,
                        Decision.VISITOR,
                        37.3,
                        r));
        assertMatchesContract("entry-visitor.json", EntryJson.toJson(e));
    }

    @Test
    void admitVisitorEntryMatchesTheContractExample() throws IOException {
        Credential pass = new Credential(
                "pass", "v2:5d1e0b7c3a9f48e2b6c4d0a8f2e6b4c1d9a7f5e3c1b9d7a5f3e1c9b7a5d3f1e9", "********4c70");
        Map<String, Long> lists = new HashMap<>(LISTS);
        lists.put("passes", 3L);
        RuleFields r = RuleFields.builder()
                .admitted(true)
                .direction("in")
                .reader("qr")
                .person(new RuleFields.Person("visitor", "3-2-501", false))
                .lists(lists)
                .duty(List.of(VOLUNTEER))
                .pass(new RuleFields.Pass(
                        "3c5e8a1f9b2d4c70",
                        "3-2-501",
                        "one",
                        Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-29T00:00:00Z")))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                60,
                new EntryDraft(
                        Instant.parse("2026-11-28T09:30:12.204Z"),
                        BOOT,
                        8_633_243,
                        true,
                        pass,
                        NORMAL,
                        Decision.ADMIT_VISITOR,
                        37.3,
                        r));
        assertMatchesContract("entry-admit-visitor.json", EntryJson.toJson(e));
    }

    @Test
    void overrideEntryMatchesTheContractExample() throws IOException {
        RuleFields r = RuleFields.builder()
                .admitted(true)
                .direction("out")
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-501", false))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .quota(new RuleFields.Quota("household", "day", 1, 2))
                .override(new RuleFields.Override(47, "medical-emergency", VOLUNTEER))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                48,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:40:05.120Z"),
                        BOOT,
                        6_626_159,
                        true,
                        CARD_A,
                        NORMAL,
                        Decision.OVERRIDE,
                        37.3,
                        r));
        assertMatchesContract("entry-override.json", EntryJson.toJson(e));
    }

    @Test
    void signInEntryMatchesTheContractExample() throws IOException {
        Credential badge = new Credential(Credential.KIND_ID_CARD, VOLUNTEER, "110105********0016");
        RuleFields r = RuleFields.builder()
                .reader("idcard")
                .person(new RuleFields.Person("volunteer", null, false))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .build();
        Entry e = new Entry(
                GATE,
                EPOCH,
                40,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:00:00.512Z"),
                        BOOT,
                        4_261_551,
                        true,
                        badge,
                        null,
                        Decision.SIGN_IN,
                        37.3,
                        r));
        assertMatchesContract("entry-sign-in.json", EntryJson.toJson(e));
    }

    @Test
    void healthDeniedEntryMatchesTheContractExampleAndCarriesOnlyColourSourceAndTime() throws IOException {
        RuleFields r = RuleFields.builder()
                .direction("out")
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-501", false))
                .lists(LISTS)
                .duty(List.of(VOLUNTEER))
                .build();
        var health = new HealthStatus(HealthColour.RED, "simulated", Instant.parse("2026-11-28T08:18:02.873Z"));
        Entry e = new Entry(
                GATE,
                EPOCH,
                45,
                new EntryDraft(
                        Instant.parse("2026-11-28T08:18:03.221Z"),
                        BOOT,
                        5_304_260,
                        true,
                        CARD_A,
                        NORMAL,
                        Decision.DENY_HEALTH,
                        37.3,
                        r,
                        health));
        assertMatchesContract("entry-deny-health.json", EntryJson.toJson(e));
    }

    /** An entry of a gate without lists, read at the ID card reader, nobody on duty. */
    private static RuleFields withoutLists(boolean admitted) {
        return RuleFields.builder().admitted(admitted).reader("idcard").build();
    }

    private static void assertMatchesContract(String file, String actualJson) throws IOException {
        JsonNode expected = MAPPER.readTree(CONTRACT.resolve(file).toFile());
        JsonNode actual = MAPPER.readTree(actualJson);
        assertEquals(expected, actual, file);
        assertEquals(fieldNames(expected), fieldNames(actual), file + ": field order is part of the contract");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
