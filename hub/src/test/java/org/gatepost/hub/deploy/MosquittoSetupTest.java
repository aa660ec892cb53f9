package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the setup writes, with Debian's mosquitto_passwd and openssl (no broker). */
class MosquittoSetupTest {
    @TempDir
    Path dir;

    /** {@code r} with {@code fileGroup} and {@code overwrite} in place of its own. */
    private static SetupRequest with(SetupRequest r, String fileGroup, boolean overwrite) {
        return new SetupRequest(
                r.outDir(),
                r.gates(),
                r.hubUsers(),
                r.plain(),
                r.tls(),
                r.dataDir(),
                r.logFile(),
                fileGroup,
                overwrite);
    }

    private MosquittoSetup.Result run(boolean overwrite) throws Exception {
        SetupRequest r = GeneratedBroker.request(dir, 1883, 8883);
        return GeneratedBroker.setup().run(with(r, r.fileGroup(), overwrite));
    }

    private Path setup(String file) {
        return dir.resolve("setup").resolve(file);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void thePasswordFileHoldsPbkdf2HashesOfTheGeneratedPasswordsAndNeverThePasswords() throws Exception {
        run(false);
        List<String> lines = Files.readAllLines(setup("passwd"));
        String credentials = Files.readString(setup("credentials.txt"));
        assertEquals(
                List.of("gatepost-hub", "g1", "g2", "gatepost-hub-bulk"),
                lines.stream().map(l -> l.substring(0, l.indexOf(':'))).toList());
        for (String line : lines) {
            String user = line.substring(0, line.indexOf(':'));
            assertTrue(line.startsWith(user + ":$7$"), "not a PBKDF2-SHA512 line: " + line);
            // The hub's bulk session logs in with the hub's password.
            String password = GeneratedBroker.passwordIn(credentials, user.replace("-bulk", ""));
            assertTrue(password.matches("[A-Za-z0-9]{32}"), password);
            assertFalse(line.contains(password));
        }
        assertNotEquals(GeneratedBroker.passwordIn(credentials, "g1"), GeneratedBroker.passwordIn(credentials, "g2"));
    }

    @Test
    void secretsAreReadableOnlyByTheOwnerAndTheBrokersGroup() throws Exception {
        MosquittoSetup.Result result = run(false);
        String group =
                Files.readAttributes(dir, PosixFileAttributes.class).group().getName();
        assertEquals(List.of(), result.warnings());
        assertEquals("rw-------", mode(setup("credentials.txt")));
        assertEquals("rw-------", mode(setup("tls/ca.key")));
        for (String shared : List.of("passwd", "acl", "tls/server.key")) {
            assertEquals("rw-r-----", mode(setup(shared)), shared);
            assertEquals(
                    group,
                    Files.readAttributes(setup(shared), PosixFileAttributes.class)
                            .group()
                            .getName(),
                    shared);
        }
        assertEquals("rw-r--r--", mode(setup("mosquitto.conf")));
    }

    @Test
    void aGroupThatDoesNotExistIsAWarningNotAFailure() throws Exception {
        SetupRequest r = GeneratedBroker.request(dir, 1883, 8883);
        MosquittoSetup.Result result = GeneratedBroker.setup().run(with(r, "no-such-group-gatepost", false));
        assertEquals(3, result.warnings().size(), result.warnings().toString());
        assertTrue(
                result.warnings().getFirst().contains("no-such-group-gatepost"),
                result.warnings().getFirst());
    }

    @Test
    void credentialsGiveEachMachineItsPropertiesBlock() throws Exception {
        run(false);
        String c = Files.readString(setup("credentials.txt"));
        assertTrue(c.contains("mqtt.url=tcp://127.0.0.1:1883\nmqtt.username=gatepost-hub\n"), c);
        assertTrue(c.contains("gate.id=g2\nmqtt.url=ssl://HUB-HOST:8883\nmqtt.username=g2\n"), c);
        assertTrue(c.contains("-Djavax.net.ssl.trustStore=/etc/gatepost/ca-truststore.p12"), c);
    }

    @Test
    void severalHubUsersGetAPasswordEachTheirBulkUsersAndAPropertiesBlockEach() throws Exception {
        GeneratedBroker.setup().run(GeneratedBroker.request(dir, 1883, 8883, List.of("hub-a", "hub-b")));
        List<String> users = Files.readAllLines(setup("passwd")).stream()
                .map(l -> l.substring(0, l.indexOf(':')))
                .toList();
        assertEquals(List.of("hub-a", "hub-b", "g1", "g2", "hub-a-bulk", "hub-b-bulk"), users);
        String c = Files.readString(setup("credentials.txt"));
        String a = GeneratedBroker.passwordIn(c, "hub-a");
        String b = GeneratedBroker.passwordIn(c, "hub-b");
        assertNotEquals(a, b);
        for (String hub : List.of("hub-a", "hub-b")) {
            assertTrue(
                    c.contains("# --- hub " + hub + ": /etc/gatepost/hub.properties on that instance's machine ---\n"
                            + "mqtt.url=tcp://127.0.0.1:1883\nmqtt.username=" + hub + "\nmqtt.password="
                            + GeneratedBroker.passwordIn(c, hub) + "\nmqtt.client-id=" + hub + "\n"),
                    c);
        }
        List<String> groups =
                c.lines().filter(l -> l.startsWith("mqtt.share-group=")).toList();
        assertEquals(2, groups.size(), c);
        assertEquals(1, groups.stream().distinct().count(), "one group for every instance: " + groups);
        assertTrue(groups.getFirst().matches("mqtt.share-group=gatepost-hubs-[A-Za-z0-9]{16}"), groups.getFirst());
        assertTrue(c.contains("A hub on another machine than the broker uses mqtt.url=ssl://HUB-HOST:8883"), c);
        String acl = Files.readString(setup("acl"));
        for (String user : List.of("hub-a", "hub-b", "hub-a-bulk", "hub-b-bulk")) {
            assertTrue(acl.contains("\nuser " + user + "\n"), acl);
        }
        assertFalse(acl.contains("user gatepost-hub"), acl);
    }

    @Test
    void theTrustStoreHoldsTheCaThatSignedTheServerCertificate() throws Exception {
        run(false);
        CertificateFactory x509 = CertificateFactory.getInstance("X.509");
        X509Certificate ca;
        X509Certificate server;
        try (InputStream a = Files.newInputStream(setup("tls/ca.crt"));
                InputStream b = Files.newInputStream(setup("tls/server.crt"))) {
            ca = (X509Certificate) x509.generateCertificate(a);
            server = (X509Certificate) x509.generateCertificate(b);
        }
        server.verify(ca.getPublicKey());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(setup("ca-truststore.p12"))) {
            store.load(in, null);
        }
        assertEquals(ca, store.getCertificate(TrustStore.ALIAS));
        assertTrue(store.isCertificateEntry(TrustStore.ALIAS));
    }

    @Test
    void refusesToReplaceAnEarlierSetupUnlessForcedAndThenChangesEveryPassword() throws Exception {
        run(false);
        String before = Files.readString(setup("credentials.txt"));
        SetupException e = assertThrows(SetupException.class, () -> run(false));
        assertTrue(e.getMessage().contains("--force"), e.getMessage());
        assertEquals(before, Files.readString(setup("credentials.txt")));
        run(true);
        String after = Files.readString(setup("credentials.txt"));
        assertNotEquals(GeneratedBroker.passwordIn(before, "g1"), GeneratedBroker.passwordIn(after, "g1"));
    }

    @Test
    void existingCertificatesAreReferencedAsGivenAndMustExist() throws Exception {
        SetupRequest r = GeneratedBroker.request(dir, 1883, 8883);
        Path missing = dir.resolve("nope.pem");
        SetupRequest withFiles = new SetupRequest(
                r.outDir(),
                r.gates(),
                r.hubUsers(),
                r.plain(),
                Optional.of(new SetupRequest.TlsListener(
                        r.tls().orElseThrow().listener(), new SetupRequest.ExistingFiles(missing, missing, missing))),
                r.dataDir(),
                r.logFile(),
                r.fileGroup(),
                false);
        SetupException e =
                assertThrows(SetupException.class, () -> GeneratedBroker.setup().run(withFiles));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
