package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Random;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

/** {@link Argon2id.Hasher}, which reuses its memory from one hash to the next, gives every hash's exact bytes. */
class Argon2idTest {
    @Test
    void aReusedHasherGivesTheContractVectorsAndAFreshDerivesBytesHashAfterHash() {
        JsonNode vectors = Contract.json("identity-hashes.json");
        Argon2id.Hasher hasher = new Argon2id.Hasher();
        for (int round = 0; round < 2; round++) {
            for (JsonNode v : vectors.path("vectors")) {
                assertEquals(
                        v.path("v2").asText(),
                        CredentialHasher.upgrade(v.path("v1").asText(), hasher),
                        v.path("number").asText());
            }
        }
        Random random = new Random(13);
        for (int i = 0; i < 20; i++) {
            byte[] input = new byte[32];
            random.nextBytes(input);
            assertArrayEquals(Argon2id.derive(input), hasher.derive(input), "input " + i);
        }
    }
}
