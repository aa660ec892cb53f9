package org.gatepost.simulator.faults;

import static org.gatepost.simulator.faults.FaultRig.await;
import static org.gatepost.simulator.faults.FaultRig.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.agent.testing.SampleDrafts;
import org.gatepost.agent.uplink.MqttUplink;
import org.gatepost.agent.uplink.UplinkSettings;
import org.gatepost.hub.testing.PostgresCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Case 11 of the fault-injection suite: two hub instances on one PostgreSQL share the gates' messages through
 * Mosquitto's shared subscription; one is killed with SIGKILL while 200 gates publish. Each gate is the agent's
 * own outbox ({@link SqliteEntryStore}, a file per gate) and uplink ({@link MqttUplink}) in this JVM; each hub is
 * the hub's {@code Main} in its own JVM. Counted from the gates' databases: every committed entry is stored at
 * the hub exactly once, every fever raises exactly one alert, every gate's acknowledgement reaches its last seq,
 * and the survivor serves the dashboard session that was opened on the dead instance.
 */
class TwoHubsKillFaultTest {
    private static final int GATES = 200;
    private static final int ROUNDS = 30;
    /** Every this-many-th entry of a gate is a fever (one alert each). */
    private static final int FEVER_EVERY = 10;

    private static final String ADMIN_PASSWORD = "district-admin-pw";
    private static final Duration SETTLE = Duration.ofMinutes(4);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void oneOfTwoHubsKilledWhileTwoHundredGatesPublishLosesDuplicatesAndRepeatsNothing() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<Gate> gates = new ArrayList<>();
        try (PostgresCluster pg = PostgresCluster.start();
                MosquittoBroker mosquitto = MosquittoBroker.startWithProductionQueues(dir.resolve("mosquitto"))) {
            String db = pg.url(pg.createDatabase());
            int portA = FreePorts.pick();
            int portB = FreePorts.pick();
            try (JvmProcess hubA = hub("hub-a", portA, db, mosquitto.url());
                    JvmProcess hubB = hub("hub-b", portB, db, mosquitto.url())) {
                hubA.start();
                awaitHealthy(http, portA, hubA);
                hubB.start();
                awaitHealthy(http, portB, hubB);
                String cookie = login(http, portA);

                for (int g = 0; g < GATES; g++) {
                    gates.add(Gate.start(dir.resolve("gates"), String.format("dg%03d", g), mosquitto.url()));
                }
                SplittableRandom random = new SplittableRandom(2020_02_10);
                int killRound = ROUNDS / 2;
                long killedAtNanos = 0;
                for (int round = 1; round <= ROUNDS; round++) {
                    for (Gate gate : gates) {
                        gate.decide(round);
                    }
                    if (round == killRound) {
                        sleep(random.nextInt(200)); // while entries are in flight to both instances
                        hubA.kill9();
                        killedAtNanos = System.nanoTime();
                    }
                    sleep(100);
                }

                await(
                        "every gate's acknowledgement reaches its last seq",
                        SETTLE.toMillis(),
                        () -> gates.stream().allMatch(Gate::acknowledged));
                double settleSeconds = (System.nanoTime() - killedAtNanos) / 1e9;

                Map<String, Long> stored = countByGate(
                        db, "SELECT gate, COUNT(*), COUNT(DISTINCT seq) FROM entries " + "GROUP BY gate", true);
                Map<String, Long> fevers = countByGate(
                        db, "SELECT gate, COUNT(*) FROM alerts WHERE kind = 'fever' " + "GROUP BY gate", false);
                long committed = 0;
                long feverEntries = 0;
                for (Gate gate : gates) {
                    long last = gate.store.lastSeq();
                    committed += last;
                    feverEntries += gate.fevers;
                    assertEquals(last, stored.getOrDefault(gate.id, 0L), "entries of " + gate.id + " at the hub");
                    assertEquals(gate.fevers, fevers.getOrDefault(gate.id, 0L), "fever alerts of " + gate.id);
                    assertEquals(last, gate.store.ackedUpTo(), "ack of " + gate.id);
                }
                assertEquals((long) GATES * ROUNDS, committed, "every decision committed at its gate");

                HttpResponse<String> session = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + portB + "/api/session"))
                                .header("Cookie", cookie)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(
                        200,
                        session.statusCode(),
                        "the survivor serves the dead instance's session: " + session.body());
                assertTrue(session.body().contains("\"name\":\"admin\""), session.body());
                assertTrue(hubB.alive(), "the survivor kept running");
                assertTrue(hubB.logText().contains("lease"), "the survivor logged the leases it took");

                System.out.printf(
                        "fault-case=11 two-hubs-one-kill9 gates=%d committed=%d at-hub=%d fever-alerts=%d "
                                + "duplicates=0 lost=0 acked-to-last=%d settled-after-kill-s=%.1f%n",
                        GATES,
                        committed,
                        stored.values().stream().mapToLong(Long::longValue).sum(),
                        feverEntries,
                        GATES,
                        settleSeconds);
            }
        } finally {
            for (Gate gate : gates) {
                gate.close();
            }
        }
    }

    private JvmProcess hub(String id, int httpPort, String db, String mqttUrl) throws Exception {
        Path config = dir.resolve(id + ".properties");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "mqtt.url=" + mqttUrl,
                        "mqtt.client-id=" + id,
                        "http.host=127.0.0.1",
                        "http.port=" + httpPort,
                        "store.url=" + db,
                        "store.username=" + PostgresCluster.SUPERUSER,
                        "community.secret=" + FaultRig.SECRET,
                        "admin.password=" + ADMIN_PASSWORD,
                        ""));
        return new JvmProcess(
                "org.gatepost.hub.Main", List.of("--config", config.toString()), dir.resolve(id + ".log"));
    }

    private static void awaitHealthy(HttpClient http, int port, JvmProcess hub) {
        await("hub on port " + port + " answers /api/health", 60_000, () -> {
            if (!hub.alive()) {
                throw new AssertionError("hub exited: " + logTail(hub));
            }
            try {
                return http.send(
                                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                                .GET()
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .statusCode()
                        == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static String logTail(JvmProcess p) {
        try {
            String text = p.logText();
            return text.substring(Math.max(0, text.length() - 2000));
        } catch (Exception e) {
            return e.toString();
        }
    }

    /** Signs in as {@code admin} and returns the session cookie ({@code gatepost_session=…}). */
    private static String login(HttpClient http, int port) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"name\":\"admin\",\"password\":\"" + ADMIN_PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** {@code gate -> count}; with {@code distinctCheck}, also asserts the second count equals the first. */
    private static Map<String, Long> countByGate(String db, String sql, boolean distinctCheck) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = DriverManager.getConnection(db, PostgresCluster.SUPERUSER, null);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                if (distinctCheck) {
                    assertEquals(rs.getLong(2), rs.getLong(3), "no seq twice at gate " + rs.getString(1));
                }
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    /** One gate: its outbox file and its uplink, as the agent runs them. */
    private static final class Gate implements AutoCloseable {
        final String id;
        final SqliteEntryStore store;
        final MqttUplink uplink;
        long fevers;

        private Gate(String id, SqliteEntryStore store, MqttUplink uplink) {
            this.id = id;
            this.store = store;
            this.uplink = uplink;
        }

        static Gate start(Path dir, String id, String brokerUrl) throws Exception {
            Files.createDirectories(dir);
            SqliteEntryStore store = SqliteEntryStore.open(dir.resolve(id + ".db"), id, Clock.systemUTC());
            MqttUplink uplink = new MqttUplink(
                    UplinkSettings.of(brokerUrl, id, SampleDrafts.BOOT).withResendAfter(Duration.ofSeconds(10)),
                    store,
                    Clock.systemUTC(),
                    new SplittableRandom(id.hashCode()));
            uplink.start();
            return new Gate(id, store, uplink);
        }

        /** A decision, committed to the outbox, then handed to the uplink (as the agent does). */
        void decide(int n) throws Exception {
            boolean fever = n % FEVER_EVERY == 0;
            EntryDraft draft = fever ? SampleDrafts.fever(n) : SampleDrafts.admit(n);
            store.append(draft);
            if (fever) {
                fevers++;
            }
            uplink.wake();
        }

        boolean acknowledged() {
            return store.lastSeq() > 0 && store.ackedUpTo() == store.lastSeq();
        }

        @Override
        public void close() {
            uplink.close();
            store.close();
        }
    }
}
