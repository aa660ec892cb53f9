package org.gatepost.agent.identity;

import org.gatepost.agent.entry.Credential;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class CredentialHasherTest {
    /** Expected values computed independently: python3 hmac.new(b"example-community-secret", id, sha256). */
    @Test
    void hashIsHmacSha256OfTheIdNumberUnderTheCommunitySecret() {
        CredentialHasher h = new CredentialHasher("example-community-secret");
        assertEquals("d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723", h.hash("11010519491231002X"));
        assertEquals("f8ad575cd4e8c624bda142e84272a56981c36c6928e29cfc92ed8b0e20fa99ad", h.hash("440524188001010014"));
    }

    @Test
    void lowerCaseCheckCharacterHashesLikeUpperCase() {
        CredentialHasher h = new CredentialHasher("example-community-secret");
        assertEquals(h.hash("11010519491231002X"), h.hash("11010519491231002x"));
    }

    @Test
    void anotherCommunitysSecretGivesAnotherHash() {
        assertNotEquals(new CredentialHasher("example-community-secret").hash("11010519491231002X"),
                new CredentialHasher("another-community-secret").hash("11010519491231002X"));
    }

    @Test
    void idCardCredentialIsHashedAndMasked() {
        Credential c = new CredentialHasher("example-community-secret").idCard("11010519491231002X");
        assertEquals("id-card", c.kind());
        assertEquals("110105********002X", c.masked());
        assertEquals(64, c.hash().length());
    }

    @Test
    void shortNumbersAreMaskedEntirely() {
        assertEquals("*******", CredentialHasher.mask("1234567"));
    }
}
