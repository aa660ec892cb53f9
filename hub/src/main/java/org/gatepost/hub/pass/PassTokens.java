package org.gatepost.hub.pass;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.store.PassStore;
import org.gatepost.hub.store.StoredPass;

/**
 * The text of a visitor pass's QR code ({@code docs/mqtt.md}, Visitor passes): {@code GPV1.<payload>.<signature>},
 * the payload the compact JSON {@code {"v":1,"id","key","household","from","to","uses","name","phone"}} in that
 * order, both parts base64url without padding, the signature Ed25519 over the ASCII bytes of
 * {@code GPV1.<payload>}. Ed25519 is deterministic, so the same pass and key always give the same text: the hub
 * keeps no token, it signs again when the QR image is asked for. Stateless; thread safe.
 */
public final class PassTokens {
    public static final String PREFIX = "GPV1.";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    private PassTokens() {}

    /** The token of {@code p}, signed with {@code key} (whose id must be {@code p.keyId()}). */
    public static String sign(StoredPass p, PrivateKey key) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", 1);
        n.put("id", p.id());
        n.put("key", p.keyId());
        n.put("household", p.household());
        n.put("from", ContractJson.TIME_FORMAT.format(p.validFrom()));
        n.put("to", ContractJson.TIME_FORMAT.format(p.validTo()));
        n.put("uses", p.usesWire());
        n.put("name", p.visitorName());
        n.put("phone", p.visitorPhone());
        String signed = PREFIX + B64URL.encodeToString(n.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(key);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + B64URL.encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed: " + e.getMessage(), e);
        }
    }

    /** A new key pair as stored: id (16 hex digits of the SHA-256 of the public key), X.509 and PKCS#8, base64. */
    public static PassStore.SigningKey newKey(Instant now) {
        try {
            KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            byte[] pub = kp.getPublic().getEncoded();
            return new PassStore.SigningKey(
                    keyId(pub),
                    Base64.getEncoder().encodeToString(pub),
                    Base64.getEncoder().encodeToString(kp.getPrivate().getEncoded()),
                    now);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every JDK since 15: " + e.getMessage(), e);
        }
    }

    static String keyId(byte[] x509) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(x509), 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PrivateKey privateKey(PassStore.SigningKey k) {
        try {
            return KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(k.privateKey())));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("stored pass key " + k.id() + " unreadable: " + e.getMessage(), e);
        }
    }

    public static PublicKey publicKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
