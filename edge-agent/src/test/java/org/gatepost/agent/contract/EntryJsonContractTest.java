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
        String json = example(41, "2026-11-28T08:15:02.417Z", 5_123_456, Decision.ADMIT, withoutLists(true))
                .json();
        assertMatchesContract("entry-admit.json", json);
    }

    @Test
    void aThermometerWithoutAmbientSensorPublishesAmbientAsNullLikeTheExample() throws IOException {
        String json = example(41, "2026-11-28T08:15:02.417Z", 5_123_456, Decision.ADMIT, withoutLists(true))
                .temperature(new Temperature(36.62, 35.72, Double.NaN, 0.9, 3))
                .json();
        assertMatchesContract("entry-no-ambient.json", json);
    }

    @Test
    void admitEntryUnderHashSchemeV2MatchesTheContractExample() throws IOException {
        Credential v2 = new CredentialHasher("example-community-secret").idCard("11010519491231002X", HashScheme.V2);
        String json = example(42, "2026-11-28T08:15:02.417Z", 5_123_456, Decision.ADMIT, withoutLists(true))
                .credential(v2)
                .json();
        assertMatchesContract("entry-admit-v2.json", json);
    }

    @Test
    void feverEntryMatchesTheContractExample() throws IOException {
        String json = example(42, "2026-11-28T08:15:09.102Z", 5_130_141, Decision.DENY_FEVER, withoutLists(false))
                .credential(CARD_B)
                .temperature(new Temperature(38.05, 37.15, 21.5, 0.9, 3))
                .json();
        assertMatchesContract("entry-deny-fever.json", json);
    }

    @Test
    void noReadingEntryWithWholeSecondTimeKeepsThreeFractionDigits() throws IOException {
        String json = example(43, "2026-11-28T08:16:40Z", 5_221_039, Decision.NO_READING, withoutLists(false))
                .clockSynced(false)
                .temperature(null)
                .json();
        assertMatchesContract("entry-no-reading.json", json);
        assertEquals("2026-11-28T08:16:40.000Z", MAPPER.readTree(json).get("at").asText());
    }

    @Test
    void retestEntryWritesItsOwnSeqAsFirstSeq() throws IOException {
        RuleFields r = onDuty("out", new RuleFields.Person("resident", "3-2-501", false))
                .retest(new RuleFields.Retest(300L, RuleFields.Retest.SELF, null))
                .build();
        String json = example(43, "2026-11-28T08:16:40Z", 5_221_039, Decision.RETEST, r)
                .temperature(new Temperature(37.62, 36.72, 21.5, 0.9, 3))
                .json();
        assertMatchesContract("entry-retest.json", json);
    }

    @Test
    void quarantineEntryMatchesTheContractExample() throws IOException {
        RuleFields r = onDuty("out", new RuleFields.Person("resident", "3-2-502", true))
                .build();
        String json = example(44, "2026-11-28T08:17:12.350Z", 5_253_389, Decision.DENY_QUARANTINE, r)
                .credential(CARD_B)
                .json();
        assertMatchesContract("entry-deny-quarantine.json", json);
    }

    @Test
    void visitorEntryMatchesTheContractExample() throws IOException {
        Credential card = new Credential(
                Credential.KIND_ID_CARD,
                "0b6f1c5d2e3a4f5061728394a5b6c7d8e9f00112233445566778899aabbccdde",
                "320102********1234");
        RuleFields r = onDuty("in", new RuleFields.Person("visitor", "3-2-501", false))
                .admitted(true)
                .visitor(new RuleFields.Visitor(52, "赵敏", "13812345678", "3-2-501", "探亲"))
                .build();
        String json = example(53, "2026-11-28T09:02:31.906Z", 7_972_945, Decision.VISITOR, r)
                .credential(card)
                .json();
        assertMatchesContract("entry-visitor.json", json);
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
        String json = example(60, "2026-11-28T09:30:12.204Z", 8_633_243, Decision.ADMIT_VISITOR, r)
                .credential(pass)
                .json();
        assertMatchesContract("entry-admit-visitor.json", json);
    }

    @Test
    void overrideEntryMatchesTheContractExample() throws IOException {
        RuleFields r = onDuty("out", new RuleFields.Person("resident", "3-2-501", false))
                .admitted(true)
                .quota(new RuleFields.Quota("household", "day", 1, 2))
                .override(new RuleFields.Override(47, "medical-emergency", VOLUNTEER))
                .build();
        String json = example(48, "2026-11-28T08:40:05.120Z", 6_626_159, Decision.OVERRIDE, r)
                .json();
        assertMatchesContract("entry-override.json", json);
    }

    @Test
    void signInEntryMatchesTheContractExample() throws IOException {
        Credential badge = new Credential(Credential.KIND_ID_CARD, VOLUNTEER, "110105********0016");
        RuleFields r = onDuty(null /* a sign-in goes neither way */, new RuleFields.Person("volunteer", null, false))
                .build();
        String json = example(40, "2026-11-28T08:00:00.512Z", 4_261_551, Decision.SIGN_IN, r)
                .credential(badge)
                .temperature(null)
                .json();
        assertMatchesContract("entry-sign-in.json", json);
    }

    @Test
    void healthDeniedEntryMatchesTheContractExampleAndCarriesOnlyColourSourceAndTime() throws IOException {
        RuleFields r = onDuty("out", new RuleFields.Person("resident", "3-2-501", false))
                .build();
        var health = new HealthStatus(HealthColour.RED, "simulated", Instant.parse("2026-11-28T08:18:02.873Z"));
        String json = example(45, "2026-11-28T08:18:03.221Z", 5_304_260, Decision.DENY_HEALTH, r)
                .health(health)
                .json();
        assertMatchesContract("entry-deny-health.json", json);
    }

    /**
     * An example entry of the north gate in the examples' boot, numbered {@code seq}, decided {@code decision} with
     * {@code rules} at {@code at} and {@code monoMs}; unless a test says otherwise: clock synchronised, card A, a normal reading, no
     * health check.
     */
    private static ExampleEntry example(long seq, String at, long monoMs, Decision decision, RuleFields rules) {
        return new ExampleEntry(seq, Instant.parse(at), monoMs, decision, rules);
    }

    /** The rule fields of a gate with lists and a volunteer on duty, read at the ID card reader. */
    private static RuleFields.Builder onDuty(String direction, RuleFields.Person person) {
        return RuleFields.builder()
                .direction(direction)
                .reader("idcard")
                .person(person)
                .lists(LISTS)
                .duty(List.of(VOLUNTEER));
    }

    /** Builds one example entry; the fields a contract example varies have setters. */
    private static final class ExampleEntry {
        private final long seq;
        private final Instant at;
        private final long monoMs;
        private final Decision decision;
        private final RuleFields rules;
        private boolean clockSynced = true;
        private Credential credential = CARD_A;
        private Temperature temperature = NORMAL;
        private HealthStatus health;

        ExampleEntry(long seq, Instant at, long monoMs, Decision decision, RuleFields rules) {
            this.seq = seq;
            this.at = at;
            this.monoMs = monoMs;
            this.decision = decision;
            this.rules = rules;
        }

        ExampleEntry clockSynced(boolean synced) {
            this.clockSynced = synced;
            return this;
        }

        ExampleEntry credential(Credential c) {
            this.credential = c;
            return this;
        }

        ExampleEntry temperature(Temperature t) {
            this.temperature = t;
            return this;
        }

        ExampleEntry health(HealthStatus h) {
            this.health = h;
            return this;
        }

        /** The entry as EntryJson writes it. */
        String json() {
            EntryDraft draft = new EntryDraft(
                    at, BOOT, monoMs, clockSynced, credential, temperature, decision, 37.3, rules, health);
            return EntryJson.toJson(new Entry(GATE, EPOCH, seq, draft));
        }
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
