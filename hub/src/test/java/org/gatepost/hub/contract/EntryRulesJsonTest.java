package org.gatepost.hub.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EntryRulesJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String DUTY = "5928f9e5e4afaef078f772d3bd93bc75845ad4d901be275dbd42828c11267e24";

    @Test
    void readsTheRuleFieldsOfTheRetestExample() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-retest.json"), "north-gate");

        assertEquals("retest", e.decision());
        EntryRules r = e.rules();
        assertFalse(r.admitted());
        assertEquals("out", r.direction());
        assertEquals("idcard", r.reader());
        assertEquals(new EntryRules.Person("resident", "3-2-501", false), r.person());
        assertNull(r.mask());
        assertEquals(Map.of("residents", 7L, "quarantine", 3L, "blocked", 2L, "badges", 4L, "policy", 5L), r.lists());
        assertEquals(List.of(DUTY), r.duty());
        assertEquals(new EntryRules.Retest(300L, 43, null), r.retest());
        assertNull(r.quota());
    }

    @Test
    void readsTheVisitorOverrideQuarantineAndSignInExamples() throws Exception {
        EntryMessage visitor = ContractJson.parseEntry(Contract.bytes("entry-visitor.json"), "north-gate");
        EntryMessage override = ContractJson.parseEntry(Contract.bytes("entry-override.json"), "north-gate");
        EntryMessage quarantine = ContractJson.parseEntry(Contract.bytes("entry-deny-quarantine.json"), "north-gate");
        EntryMessage signIn = ContractJson.parseEntry(Contract.bytes("entry-sign-in.json"), "north-gate");

        assertEquals(
                new EntryRules.Visitor(52, "赵敏", "13812345678", "3-2-501", "探亲"),
                visitor.rules().visitor());
        assertEquals("138****5678", visitor.rules().visitor().maskedPhone());
        assertTrue(visitor.admitted());
        assertEquals(
                new EntryRules.Override(47, "medical-emergency", DUTY),
                override.rules().override());
        assertEquals(
                new EntryRules.Quota("household", "day", 1, 2), override.rules().quota());
        assertEquals("deny-quarantine", quarantine.decision());
        assertTrue(quarantine.rules().person().quarantined());
        assertFalse(quarantine.admitted());
        assertEquals("sign-in", signIn.decision());
        assertNull(signIn.rules().direction());
        assertEquals("volunteer", signIn.rules().person().role());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "entry-retest.json",
                "entry-deny-quarantine.json",
                "entry-visitor.json",
                "entry-override.json",
                "entry-sign-in.json"
            })
    void canonicalFormOfEachRuleExampleEqualsTheExample(String file) throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes(file), "north-gate");

        assertEquals(MAPPER.readTree(Contract.bytes(file)), MAPPER.readTree(ContractJson.canonical(e)), file);
    }

    @Test
    void anEntryWithoutRuleFieldsIsAnOlderAgentsAndAdmittedMeansDecisionAdmit() throws Exception {
        EntryMessage admit = ContractJson.parseEntry(olderAgents("entry-admit.json"), "north-gate");
        EntryMessage fever = ContractJson.parseEntry(olderAgents("entry-deny-fever.json"), "north-gate");

        assertNull(admit.rules());
        assertTrue(admit.admitted());
        assertFalse(fever.admitted());
        assertFalse(ContractJson.canonical(admit).contains("admitted"));
    }

    @Test
    void aSoftEnforcementEntryIsAdmittedWithAFailingDecision() throws Exception {
        ObjectNode n = Contract.json("entry-deny-quarantine.json");
        n.put("admitted", true);

        EntryMessage e = ContractJson.parseEntry(Messages.bytes(n), "north-gate");

        assertEquals("deny-quarantine", e.decision());
        assertTrue(e.admitted());
    }

    @Test
    void absentRuleFieldsTakeTheirDefaultsWhenOthersArePresent() throws Exception {
        ObjectNode n = Contract.json("entry-admit.json");
        n.put("direction", "in");

        EntryRules r = ContractJson.parseEntry(Messages.bytes(n), "north-gate").rules();

        assertTrue(r.admitted());
        assertEquals("in", r.direction());
        assertNull(r.person());
        assertNull(r.lists());
        assertEquals(List.of(), r.duty());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "admitted as text    | /admitted=\"yes\"                 | admitted: must be true or false",
                "direction sideways  | /direction=\"up\"                 | direction: must be one of [in, out] or null",
                "reader empty        | /reader=\"\"                      | reader: must be a string of 1..64",
                "person as text      | /person=\"x\"                     | person: must be an object or null",
                "role unknown        | /person/role=\"mayor\"            | person.role: must be one of",
                "role missing        | /person/role=-                    | person.role: missing",
                "quarantined as text | /person/quarantined=\"no\"        | person.quarantined: must be true or false",
                "mask half           | /mask=\"half\"                    | mask: must be one of [missing, worn] or null",
                "list unknown        | /lists/pets=1                     | lists.pets: not a list",
                "list version zero   | /lists/residents=0                | lists.residents: must be an integer in 1..9007199254740991",
                "duty not hashes     | /duty=[\"alice\"]                 | duty[0]: must be 64 lowercase hex digits",
                "duty as text        | /duty=\"x\"                       | duty: must be an array of 0..64 strings",
                "retest no first_seq | /retest/first_seq=-               | retest.first_seq: missing",
                "retest rest text    | /retest/rest_s=\"5m\"             | retest.rest_s: must be an integer in 0..3600",
            })
    void rejectsAnInvalidRuleFieldOfTheRetestExampleNamingIt(String name, String edit, String expectedStart)
            throws Exception {
        assertRejected("entry-retest.json", edit, expectedStart);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "override reason     | entry-override.json | /override/reason=\"bored\"     | override.reason: must be one of",
                "override by name    | entry-override.json | /override/by=\"alice\"         | override.by: must be 64 lowercase hex digits",
                "override of zero    | entry-override.json | /override/of=0                 | override.of: must be an integer in 1..9007199254740991",
                "quota per building  | entry-override.json | /quota/per=\"building\"        | quota.per: must be one of",
                "quota period month  | entry-override.json | /quota/period=\"month\"        | quota.period: must be one of",
                "quota used negative | entry-override.json | /quota/used=-1                 | quota.used: must be an integer in 0..100000",
                "visitor no name     | entry-visitor.json  | /visitor/name=-                | visitor.name: missing",
                "visitor phone text  | entry-visitor.json  | /visitor/phone=\"call me\"     | visitor.phone: must be a phone number",
                "visitor of text     | entry-visitor.json  | /visitor/of=\"52\"             | visitor.of: must be an integer in 1..9007199254740991",
                "decision unknown    | entry-visitor.json  | /decision=\"deny-pets\"        | decision: must be one of",
            })
    void rejectsAnInvalidRuleObjectNamingTheField(String name, String file, String edit, String expectedStart)
            throws Exception {
        assertRejected(file, edit, expectedStart);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sign-in",
                "sign-out",
                "no-reading",
                "retest",
                "deny-fever",
                "deny-quarantine",
                "deny-blocked",
                "unknown",
                "deny-quota",
                "deny-mask",
                "visitor",
                "override",
                "admit"
            })
    void acceptsEveryDecisionOfTheContract(String decision) throws Exception {
        ObjectNode n = Contract.json("entry-retest.json");
        n.put("decision", decision);

        assertEquals(
                decision,
                ContractJson.parseEntry(Messages.bytes(n), "north-gate").decision());
    }

    /** An example as an agent from before the rules wrote it: without the rule fields. */
    private static byte[] olderAgents(String file) {
        ObjectNode n = Contract.json(file);
        n.remove(List.of("admitted", "direction", "reader", "person", "mask", "lists", "duty"));
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRejected(String file, String edit, String expectedStart) throws Exception {
        ObjectNode n = Contract.json(file);
        Messages.edit(n, edit);

        InvalidPayloadException e = assertThrows(
                InvalidPayloadException.class, () -> ContractJson.parseEntry(Messages.bytes(n), "north-gate"));

        assertTrue(e.getMessage().startsWith(expectedStart), e.getMessage());
    }
}
