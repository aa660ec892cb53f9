package org.gatepost.hub.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Base64;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.EntryRules;
import org.gatepost.hub.store.PassStore;
import org.gatepost.hub.store.StoredPass;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

/**
 * The hub's side of the pass contract (docs/contract/pass-example.json, entry-admit-visitor.json): signing the
 * example pass with the example key gives the example token byte for byte (the agent's PassCheckTest verifies
 * that token with the key of lists-passes.json), and the admit-visitor entry reads and writes back unchanged.
 */
class PassTokensTest {
    @Test
    void signingTheExamplePassWithTheExampleKeyGivesTheExampleToken() {
        JsonNode ex = Contract.json("pass-example.json");
        JsonNode p = ex.get("pass");
        StoredPass pass = new StoredPass(
                p.get("id").asText(),
                ex.get("key").asText(),
                p.get("name").asText(),
                p.get("phone").asText(),
                p.get("household").asText(),
                Instant.parse(p.get("from").asText()),
                Instant.parse(p.get("to").asText()),
                "one".equals(p.get("uses").asText()),
                Instant.EPOCH,
                "admin",
                null,
                null,
                0,
                null);
        PassStore.SigningKey key = new PassStore.SigningKey(
                ex.get("key").asText(),
                ex.get("public_key").asText(),
                ex.get("private_key").asText(),
                Instant.EPOCH);

        assertEquals(ex.get("token").asText(), PassTokens.sign(pass, PassTokens.privateKey(key)));
        assertEquals(
                ex.get("key").asText(),
                PassTokens.keyId(Base64.getDecoder().decode(ex.get("public_key").asText())),
                "the key id is the first 8 bytes of the key's SHA-256");
    }

    @Test
    void theAdmitVisitorExampleReadsAndWritesBackUnchanged() throws Exception {
        EntryMessage e = ContractJson.parseEntry(Contract.bytes("entry-admit-visitor.json"), "north-gate");

        assertEquals("admit-visitor", e.decision());
        assertEquals(
                new EntryRules.Pass(
                        "3c5e8a1f9b2d4c70",
                        "3-2-501",
                        "one",
                        Instant.parse("2026-11-28T00:00:00Z"),
                        Instant.parse("2026-11-29T00:00:00Z")),
                e.rules().pass());
        assertEquals(3L, e.rules().lists().get("passes"));
        assertEquals(
                new ObjectMapper().readTree(Contract.bytes("entry-admit-visitor.json")),
                new ObjectMapper().readTree(ContractJson.canonical(e)));
    }

    @Test
    void aNewKeyHasTheIdOfItsPublicKey() {
        PassStore.SigningKey k = PassTokens.newKey(Instant.EPOCH);
        assertEquals(k.id(), PassTokens.keyId(Base64.getDecoder().decode(k.publicKey())));
        assertEquals(16, k.id().length());
    }
}
