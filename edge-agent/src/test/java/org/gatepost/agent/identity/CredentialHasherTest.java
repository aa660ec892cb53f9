package org.gatepost.agent.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.gatepost.agent.entry.Credential;
import org.junit.jupiter.api.Test;

class CredentialHasherTest {
    /**
     * docs/contract/identity-hashes.json, which the hub's tests read too. Its values were computed independently:
     * v1 with python3 hmac.new(b"example-community-secret", id, sha256), v2 with the Argon2 reference C library
     * (libargon2.so.1, argon2id_hash_raw(t=2, m=1024, p=1, v1 bytes, salt "gatepost/id/v2", 32)) through ctypes.
     */
    private static final JsonNode VECTORS = read();

    private static JsonNode read() {
        try {
            return new ObjectMapper()
                    .readTree(Path.of("..", "docs", "contract", "identity-hashes.json")
                            .toFile());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hashIsHmacSha256OfTheIdNumberUnderTheCommunitySecret() {
        CredentialHasher h = new CredentialHasher("example-community-secret");
        assertEquals("d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723", h.hash("11010519491231002X"));
        assertEquals("f8ad575cd4e8c624bda142e84272a56981c36c6928e29cfc92ed8b0e20fa99ad", h.hash("440524188001010014"));
    }

    @Test
    void everyContractVectorHashesAndMasksAlikeUnderBothSchemes() {
        CredentialHasher h = new CredentialHasher(VECTORS.path("secret").asText());
        assertEquals(2, VECTORS.path("vectors").size());
        for (JsonNode v : VECTORS.path("vectors")) {
            String number = v.path("number").asText();
            assertEquals(v.path("v1").asText(), h.hash(number, HashScheme.V1), number);
            assertEquals(v.path("v2").asText(), h.hash(number, HashScheme.V2), number);
            assertEquals(
                    v.path("v2").asText(), CredentialHasher.upgrade(v.path("v1").asText()), number);
            assertEquals(v.path("masked_v1").asText(), CredentialHasher.mask(number, HashScheme.V1), number);
            assertEquals(v.path("masked_v2").asText(), CredentialHasher.mask(number, HashScheme.V2), number);
        }
    }

    @Test
    void theArgon2ParametersAreTheContracts() {
        JsonNode p = VECTORS.path("argon2id");
        assertEquals(p.path("memory_kib").asInt(), Argon2id.MEMORY_KIB);
        assertEquals(p.path("iterations").asInt(), Argon2id.ITERATIONS);
        assertEquals(p.path("parallelism").asInt(), Argon2id.PARALLELISM);
        assertEquals(p.path("length").asInt(), Argon2id.LENGTH);
    }

    @Test
    void aHashNamesItsScheme() {
        assertEquals(HashScheme.V1, HashScheme.of("d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723"));
        assertEquals(
                HashScheme.V2, HashScheme.of("v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f"));
        assertThrows(IllegalArgumentException.class, () -> HashScheme.of("110105********002X"));
        assertThrows(
                IllegalArgumentException.class,
                () -> CredentialHasher.upgrade("v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f"));
    }

    @Test
    void lowerCaseCheckCharacterHashesLikeUpperCase() {
        CredentialHasher h = new CredentialHasher("example-community-secret");
        assertEquals(h.hash("11010519491231002X"), h.hash("11010519491231002x"));
        assertEquals(h.hash("11010519491231002X", HashScheme.V2), h.hash("11010519491231002x", HashScheme.V2));
    }

    @Test
    void anotherCommunitysSecretGivesAnotherHash() {
        assertNotEquals(
                new CredentialHasher("example-community-secret").hash("11010519491231002X", HashScheme.V2),
                new CredentialHasher("another-community-secret").hash("11010519491231002X", HashScheme.V2));
    }

    @Test
    void idCardCredentialIsHashedAndMaskedUnderTheSchemeAsked() {
        CredentialHasher h = new CredentialHasher("example-community-secret");
        Credential v1 = h.idCard("11010519491231002X");
        assertEquals("id-card", v1.kind());
        assertEquals("110105********002X", v1.masked());
        assertEquals(64, v1.hash().length());
        Credential v2 = h.idCard("11010519491231002X", HashScheme.V2);
        assertEquals("110105************", v2.masked());
        assertEquals("v2:4b32e4e9143955c1d4c4a90c75e99cbb57af2fc96d699754ee4e7636bf47b30f", v2.hash());
    }

    @Test
    void cardNumbersKeepTheirLastFourUnderV2() {
        Credential c = new CredentialHasher("example-community-secret").other("rfid", "0004718423", HashScheme.V2);
        assertEquals("******8423", c.masked());
        assertEquals(HashScheme.V2, HashScheme.of(c.hash()));
    }

    @Test
    void shortNumbersAreMaskedEntirely() {
        assertEquals("*******", CredentialHasher.mask("1234567"));
    }
}
