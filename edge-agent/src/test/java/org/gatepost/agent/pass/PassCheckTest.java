package org.gatepost.agent.pass;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.lists.InvalidListException;
import org.gatepost.agent.lists.ListItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The offline check of a visitor pass against the example of docs/contract (pass-example.json, signed by the key
 * that lists-passes.json publishes; the hub's PassTokensTest signs the same pass to the same text).
 */
class PassCheckTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path CONTRACT = Path.of("..", "docs", "contract");
    private static final Instant DURING = Instant.parse("2026-11-28T09:30:00Z");

    private static JsonNode example() throws IOException {
        return MAPPER.readTree(CONTRACT.resolve("pass-example.json").toFile());
    }

    private static PassList contractList() throws IOException, InvalidListException {
        JsonNode part = MAPPER.readTree(CONTRACT.resolve("lists-passes.json").toFile());
        List<JsonNode> items = new ArrayList<>();
        part.get("items").forEach(items::add);
        return (PassList) ListItems.parse(GateLists.PASSES, 3, items);
    }

    /** The contract's keys without its revoked and used items. */
    private static PassList keysOnly() throws IOException, InvalidListException {
        return new PassList(contractList().keys(), Set.of(), Set.of());
    }

    private static PassCheck.Result check(String token, PassList list, Instant now) {
        return PassCheck.check(token, list, now, id -> false);
    }

    @Test
    void theContractListNamesOneKeyOneRevokedAndOneUsedPass() throws Exception {
        PassList l = contractList();
        assertEquals(Set.of(example().get("key").asText()), l.keys().keySet());
        assertEquals(Set.of("9a0b1c2d3e4f5061"), l.revoked());
        assertEquals(Set.of("3c5e8a1f9b2d4c70"), l.used());
    }

    @Test
    void theExamplePassIsValidInsideItsWindowAndCarriesItsFields() throws Exception {
        PassCheck.Result r = check(example().get("token").asText(), keysOnly(), DURING);

        assertEquals(PassCheck.Outcome.VALID, r.outcome());
        PassToken t = r.token();
        JsonNode p = example().get("pass");
        assertEquals(p.get("id").asText(), t.id());
        assertEquals("3-2-501", t.household());
        assertEquals(Instant.parse("2026-11-28T00:00:00Z"), t.from());
        assertEquals(Instant.parse("2026-11-29T00:00:00Z"), t.to());
        assertEquals("one", t.uses());
        assertEquals("赵", t.name());
        assertEquals("138****5678", t.phone());
    }

    @Test
    void aPassSignedByAnotherKeyUnderTheSameKeyIdIsForged() throws Exception {
        String token = example().get("token").asText();
        String signed = token.substring(0, token.lastIndexOf('.'));
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(other.getPrivate());
        s.update(signed.getBytes(StandardCharsets.US_ASCII));
        String forged = signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());

        PassCheck.Result r = check(forged, keysOnly(), DURING);

        assertEquals(PassCheck.Outcome.FORGED, r.outcome());
        assertEquals("bad signature", r.reason());
        assertNull(r.token());
    }

    @Test
    void aPassWithOneByteOfItsPayloadChangedIsForged() throws Exception {
        String token = example().get("token").asText();
        String[] parts = token.split("\\.");
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        String json = new String(payload, StandardCharsets.UTF_8);
        byte[] altered = json.replace("3-2-501", "3-2-502").getBytes(StandardCharsets.UTF_8);
        assertEquals(payload.length, altered.length);
        String text = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(altered) + "." + parts[2];

        PassCheck.Result r = check(text, keysOnly(), DURING);

        assertEquals(PassCheck.Outcome.FORGED, r.outcome());
        assertEquals("bad signature", r.reason());
    }

    @Test
    void aPassSignedByAKeyTheGateDoesNotHaveIsForged() throws Exception {
        PassCheck.Result r = check(example().get("token").asText(), PassList.NONE, DURING);

        assertEquals(PassCheck.Outcome.FORGED, r.outcome());
        assertEquals("unknown key", r.reason());
    }

    @Test
    void outsideItsWindowThePassIsExpiredOrNotValidYet() throws Exception {
        String token = example().get("token").asText();

        PassCheck.Result late = check(token, keysOnly(), Instant.parse("2026-11-29T00:00:00Z"));
        PassCheck.Result early = check(token, keysOnly(), Instant.parse("2026-11-27T23:59:59.999Z"));
        PassCheck.Result first = check(token, keysOnly(), Instant.parse("2026-11-28T00:00:00Z"));

        assertEquals(PassCheck.Outcome.EXPIRED, late.outcome());
        assertEquals("expired", late.reason());
        assertEquals(PassCheck.Outcome.EXPIRED, early.outcome());
        assertEquals("not valid yet", early.reason());
        assertEquals(PassCheck.Outcome.VALID, first.outcome());
    }

    @Test
    void aRevokedPassIsRefusedAsRevokedEvenWhenAlsoUsed() throws Exception {
        String token = example().get("token").asText();
        PassList l = new PassList(keysOnly().keys(), Set.of("3c5e8a1f9b2d4c70"), Set.of("3c5e8a1f9b2d4c70"));

        assertEquals(PassCheck.Outcome.REVOKED, check(token, l, DURING).outcome());
    }

    @Test
    void aOneUsePassOnTheHubsUsedListOrUsedAtThisGateIsUsed() throws Exception {
        String token = example().get("token").asText();

        PassCheck.Result hub = check(token, contractList(), DURING);
        PassCheck.Result replay = PassCheck.check(token, keysOnly(), DURING, "3c5e8a1f9b2d4c70"::equals);

        assertEquals(PassCheck.Outcome.USED, hub.outcome());
        assertEquals("used (hub)", hub.reason());
        assertEquals(PassCheck.Outcome.USED, replay.outcome());
        assertEquals("used (this gate)", replay.reason());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "GPV1.",
                "GPV1.abc",
                "GPV1.abc.def.ghi",
                "GPV1.a+b.c",
                "GPV1.e30.AAAA",
                "GPV1.eyJ2IjoxfQ.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
            })
    void malformedTextIsForgedNeverAnError(String text) throws Exception {
        PassCheck.Result r = check(text, keysOnly(), DURING);

        assertEquals(PassCheck.Outcome.FORGED, r.outcome());
        assertEquals(true, r.reason().startsWith("malformed: "), r.reason());
    }

    @Test
    void aTokenLongerThanTheLimitIsMalformed() {
        MalformedPassException e = assertThrows(
                MalformedPassException.class, () -> PassCodec.parse("GPV1." + "a".repeat(PassCodec.MAX_TEXT)));
        assertEquals("too long", e.getMessage());
    }

    @Test
    void aListItemWithABadKeyRejectsTheVersionNamingTheField() throws Exception {
        JsonNode bad = MAPPER.readTree("{\"key\":\"k1\",\"ed25519\":\"bm90IGEga2V5\"}");

        InvalidListException e =
                assertThrows(InvalidListException.class, () -> ListItems.parse(GateLists.PASSES, 4, List.of(bad)));
        assertEquals(true, e.getMessage().contains("ed25519: not a base64 Ed25519 public key"), e.getMessage());
        assertEquals(Map.of(), PassList.NONE.keys());
    }
}
