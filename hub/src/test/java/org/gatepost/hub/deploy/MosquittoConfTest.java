package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MosquittoConfTest {
    private static final Path OUT = Path.of("/etc/mosquitto/gatepost");
    private static final Instant NOW = Instant.parse("2026-11-28T08:00:00Z");
    private static final TlsFiles TLS =
            new TlsFiles(Path.of("/etc/ssl/ca.pem"), Path.of("/etc/ssl/hub.pem"), Path.of("/etc/ssl/hub.key"));

    private static SetupRequest request(boolean plain, boolean tls) {
        return new SetupRequest(
                OUT,
                List.of("g1"),
                "gatepost-hub",
                plain ? Optional.of(new SetupRequest.Listener(1883, Optional.of("127.0.0.1"))) : Optional.empty(),
                tls
                        ? Optional.of(new SetupRequest.TlsListener(
                                new SetupRequest.Listener(8883, Optional.empty()),
                                new SetupRequest.ExistingFiles(TLS.cafile(), TLS.certfile(), TLS.keyfile())))
                        : Optional.empty(),
                SetupRequest.DEFAULT_DATA_DIR,
                SetupRequest.DEFAULT_LOG_FILE,
                "mosquitto",
                false);
    }

    private static List<String> settings(String conf) {
        return conf.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    @Test
    void writesTheGlobalSettingsTheDeploymentNotesArgueFor() {
        List<String> s = settings(MosquittoConf.render(request(true, false), Optional.empty(), NOW));
        for (String line : List.of(
                "per_listener_settings false",
                "allow_anonymous false",
                "password_file /etc/mosquitto/gatepost/passwd",
                "acl_file /etc/mosquitto/gatepost/acl",
                "persistent_client_expiration 30d",
                "max_inflight_messages 1000",
                "max_inflight_bytes 16777216",
                "max_queued_messages 200000",
                "max_queued_bytes 268435456",
                "persistence true",
                "persistence_location /var/lib/mosquitto/",
                "autosave_on_changes true",
                "autosave_interval 1000",
                "log_dest file /var/log/mosquitto/mosquitto.log",
                "connection_messages true")) {
            assertTrue(s.contains(line), "missing '" + line + "' in " + s);
        }
    }

    @Test
    void everyListenerTiesClientIdsToUserNamesAndNothingListenerLevelPrecedesTheFirstListener() {
        List<String> s = settings(MosquittoConf.render(request(true, true), Optional.of(TLS), NOW));
        int first = s.indexOf("listener 1883 127.0.0.1");
        assertEquals("use_username_as_clientid true", s.get(first + 1));
        int tls = s.indexOf("listener 8883");
        assertEquals("use_username_as_clientid true", s.get(tls + 1));
        assertEquals(
                2,
                s.stream().filter(l -> l.startsWith("use_username_as_clientid")).count());
        assertFalse(
                s.subList(0, first).stream().anyMatch(l -> l.startsWith("cafile") || l.startsWith("use_username")),
                "a listener setting above the first listener opens a default listener on 1883");
    }

    @Test
    void theTlsListenerCarriesItsCertificatesAndAMinimumVersion() {
        List<String> s = settings(MosquittoConf.render(request(false, true), Optional.of(TLS), NOW));
        int tls = s.indexOf("listener 8883");
        assertEquals(
                List.of(
                        "listener 8883",
                        "use_username_as_clientid true",
                        "cafile /etc/ssl/ca.pem",
                        "certfile /etc/ssl/hub.pem",
                        "keyfile /etc/ssl/hub.key",
                        "tls_version tlsv1.2"),
                s.subList(tls, s.size()));
        assertEquals(1, s.stream().filter(l -> l.startsWith("listener")).count());
    }

    @Test
    void refusesTlsFilesWithoutATlsListener() {
        assertThrows(
                IllegalArgumentException.class,
                () -> MosquittoConf.render(request(true, false), Optional.of(TLS), NOW));
        assertThrows(
                IllegalArgumentException.class, () -> MosquittoConf.render(request(true, true), Optional.empty(), NOW));
    }
}
