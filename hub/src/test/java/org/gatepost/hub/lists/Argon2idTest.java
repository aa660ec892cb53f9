package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

/**
 * {@link Argon2id.Hasher}, which reuses its memory from one hash to the next, gives every hash's exact bytes, alone
 * and in {@link HashUpgrade}'s pieces on several threads.
 */
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

    /** Two pieces (256 and 4 items), on two threads where the machine has two CPUs. */
    @Test
    void anUpgradeOfMoreItemsThanOnePieceGivesEachItemItsOwnV2() {
        Random random = new Random(17);
        List<ObjectNode> items = new ArrayList<>();
        List<String> v1 = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            byte[] hash = new byte[32];
            random.nextBytes(hash);
            v1.add(HexFormat.of().formatHex(hash));
            items.add(JsonNodeFactory.instance
                    .objectNode()
                    .put("hash", v1.getLast())
                    .put("name", "r" + i));
        }
        HashUpgrade.apply(items);
        for (int i = 0; i < items.size(); i++) {
            assertEquals(
                    CredentialHasher.upgrade(v1.get(i)),
                    items.get(i).path("hash").asText(),
                    "item " + i);
            assertEquals("r" + i, items.get(i).path("name").asText());
        }
    }
}
