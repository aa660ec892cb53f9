package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class IdNumbersTest {
    /** The secret the contract examples were made with (docs/mqtt.md, Lists). */
    static final String EXAMPLE_SECRET = "example-community-secret";

    @Test
    void acceptsNumbersWhoseCheckCharacterMatches() {
        // docs/protocols/id-card-sam.md: 11010519491231002 sums to 167, 167 mod 11 = 2 -> 'X'
        assertEquals('X', IdNumbers.checkCharacter("11010519491231002"));
        assertTrue(IdNumbers.problem("11010519491231002X").isEmpty());
        assertTrue(IdNumbers.problem("440524188001010014").isEmpty());
    }

    @Test
    void refusesAMistypedDigitAWrongLengthAndLetters() {
        assertTrue(IdNumbers.problem("11010519491231003X").orElseThrow().contains("check character"));
        assertTrue(IdNumbers.problem("440524188001010015").orElseThrow().contains("check character"));
        assertTrue(IdNumbers.problem("44052418800101001").orElseThrow().contains("18 characters"));
        assertTrue(IdNumbers.problem("4405241880010100A4").orElseThrow().contains("18 characters"));
        assertTrue(IdNumbers.problem("").isPresent());
    }

    @Test
    void problemsNeverRepeatTheNumber() {
        for (String bad : new String[] {"11010519491231003X", "1101051949123100", "1101051949123100XX"}) {
            assertFalse(IdNumbers.problem(bad).orElseThrow().contains(bad.substring(0, 10)), bad);
        }
    }

    @Test
    void normalisesSpacesAndALowerCaseX() {
        assertEquals("11010519491231002X", IdNumbers.normalize(" 110105 19491231002x "));
    }

    @Test
    void hashesExactlyAsTheGatesDoInTheContractExample() {
        CredentialHasher h = new CredentialHasher(EXAMPLE_SECRET);
        String expected =
                Contract.json("entry-admit.json").get("credential").get("hash").textValue();
        assertEquals(expected, h.hash("11010519491231002X"));
        assertEquals(expected, h.hash("11010519491231002x"), "upper-cased before hashing");
        assertEquals(
                Contract.json("entry-admit.json")
                        .get("credential")
                        .get("masked")
                        .textValue(),
                CredentialHasher.maskV1("11010519491231002X"),
                "entry-admit.json is an entry under scheme v1");
        assertEquals(
                Contract.json("entry-admit-v2.json")
                        .get("credential")
                        .get("hash")
                        .textValue(),
                h.hashV2("11010519491231002X"));
        assertEquals(
                Contract.json("entry-admit-v2.json")
                        .get("credential")
                        .get("masked")
                        .textValue(),
                CredentialHasher.mask("11010519491231002X"));
    }
}
