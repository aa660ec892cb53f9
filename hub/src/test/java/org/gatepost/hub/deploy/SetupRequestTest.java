package org.gatepost.hub.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SetupRequestTest {
    private static final Path OUT = Path.of("/etc/mosquitto/gatepost");
    private static final Optional<SetupRequest.Listener> PLAIN =
            Optional.of(new SetupRequest.Listener(1883, Optional.of("127.0.0.1")));

    private static SetupRequest request(List<String> gates, String hubUser) {
        return new SetupRequest(
                OUT,
                gates,
                hubUser,
                PLAIN,
                Optional.empty(),
                SetupRequest.DEFAULT_DATA_DIR,
                SetupRequest.DEFAULT_LOG_FILE,
                "mosquitto",
                false);
    }

    private static void assertRejected(String option, Runnable r) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().startsWith(option), e.getMessage());
    }

    @Test
    void listsTheHubUserFirstThenTheGates() {
        assertEquals(
                List.of("gatepost-hub", "north", "south"),
                request(List.of("north", "south"), "gatepost-hub").users());
    }

    @Test
    void rejectsGateIdsThatCouldEscapeAnAclPattern() {
        assertRejected("--gates", () -> request(List.of("g1/#"), "hub"));
        assertRejected("--gates", () -> request(List.of("g+"), "hub"));
        assertRejected("--gates", () -> request(List.of("-g"), "hub"));
        assertRejected("--gates", () -> request(List.of(""), "hub"));
    }

    @Test
    void rejectsAGateListedTwiceOrNone() {
        assertRejected("--gates", () -> request(List.of("g1", "g1"), "hub"));
        assertRejected("--gates", () -> request(List.of(), "hub"));
    }

    @Test
    void rejectsAHubUserThatIsAlsoAGate() {
        assertRejected("--hub-user", () -> request(List.of("g1", "hub"), "hub"));
        assertRejected("--hub-user", () -> request(List.of("g1"), "hub user"));
    }

    @Test
    void rejectsTheReadOnlyMonitorUserAsAGateOrAsTheHub() {
        assertRejected("--gates", () -> request(List.of("g1", "monitor"), "hub"));
        assertRejected("--hub-user", () -> request(List.of("g1"), "monitor"));
    }

    private static SetupRequest hubs(List<String> gates, List<String> hubUsers) {
        return new SetupRequest(
                OUT,
                gates,
                hubUsers,
                PLAIN,
                Optional.empty(),
                SetupRequest.DEFAULT_DATA_DIR,
                SetupRequest.DEFAULT_LOG_FILE,
                "mosquitto",
                false);
    }

    @Test
    void listsEveryHubUserFirstThenTheGatesAndTheirBulkUsersApart() {
        SetupRequest r = hubs(List.of("north"), List.of("hub-1", "hub-2"));
        assertEquals(List.of("hub-1", "hub-2", "north"), r.users());
        assertEquals(List.of("hub-1-bulk", "hub-2-bulk"), r.bulkUsers());
    }

    @Test
    void rejectsHubUsersThatWouldShareABrokerUser() {
        assertRejected("--hub-user: 'hub-1' is listed twice", () -> hubs(List.of("g1"), List.of("hub-1", "hub-1")));
        assertRejected("--hub-user: 'g1' is also a gate id", () -> hubs(List.of("g1"), List.of("hub-1", "g1")));
        assertRejected("--hub-user: 'monitor'", () -> hubs(List.of("g1"), List.of("hub-1", "monitor")));
        assertRejected(
                "--hub-user: 'hub-1-bulk' is the bulk session user of hub user 'hub-1'",
                () -> hubs(List.of("g1"), List.of("hub-1", "hub-1-bulk")));
        assertRejected(
                "--hub-user: 'hub-1-bulk' is the bulk session user of hub user 'hub-1'",
                () -> hubs(List.of("g1"), List.of("hub-1-bulk", "hub-1")));
        assertRejected(
                "--gates: 'hub-2-bulk' is the bulk session user of hub user 'hub-2'",
                () -> hubs(List.of("g1", "hub-2-bulk"), List.of("hub-1", "hub-2")));
        assertRejected("--hub-user: must be", () -> hubs(List.of("g1"), List.of("hub-1", "")));
        assertRejected("--hub-user: name at least one", () -> hubs(List.of("g1"), List.of()));
    }

    @Test
    void needsAListenerAndDistinctPorts() {
        assertRejected(
                "--port/--tls-port",
                () -> new SetupRequest(
                        OUT,
                        List.of("g1"),
                        "hub",
                        Optional.empty(),
                        Optional.empty(),
                        SetupRequest.DEFAULT_DATA_DIR,
                        SetupRequest.DEFAULT_LOG_FILE,
                        "mosquitto",
                        false));
        var tls = new SetupRequest.TlsListener(
                new SetupRequest.Listener(1883, Optional.empty()), new SetupRequest.SelfSigned(List.of("localhost")));
        assertRejected(
                "--tls-port",
                () -> new SetupRequest(
                        OUT,
                        List.of("g1"),
                        "hub",
                        PLAIN,
                        Optional.of(tls),
                        SetupRequest.DEFAULT_DATA_DIR,
                        SetupRequest.DEFAULT_LOG_FILE,
                        "mosquitto",
                        false));
        assertRejected("port", () -> new SetupRequest.Listener(0, Optional.empty()));
    }

    @Test
    void rejectsPathsMosquittoCannotReadBack() {
        assertRejected(
                "--out",
                () -> new SetupRequest(
                        Path.of("relative"),
                        List.of("g1"),
                        "hub",
                        PLAIN,
                        Optional.empty(),
                        SetupRequest.DEFAULT_DATA_DIR,
                        SetupRequest.DEFAULT_LOG_FILE,
                        "mosquitto",
                        false));
        assertRejected(
                "--data-dir",
                () -> new SetupRequest(
                        OUT,
                        List.of("g1"),
                        "hub",
                        PLAIN,
                        Optional.empty(),
                        Path.of("/var/lib/my mosquitto"),
                        SetupRequest.DEFAULT_LOG_FILE,
                        "mosquitto",
                        false));
    }

    @Test
    void rejectsHostsThatWouldBreakAConfigLine() {
        assertRejected("--tls-host", () -> new SetupRequest.SelfSigned(List.of("hub.lan\nsubjectAltName=x")));
        assertRejected("--tls-host", () -> new SetupRequest.SelfSigned(List.of()));
        assertRejected("bind address", () -> new SetupRequest.Listener(1883, Optional.of("0.0.0.0 # x")));
    }
}
