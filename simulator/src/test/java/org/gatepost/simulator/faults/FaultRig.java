package org.gatepost.simulator.faults;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.agent.testing.Await;
import org.gatepost.hub.Hub;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.scanner.ScannerEmulator;
import org.gatepost.simulator.testing.QrGateAgents;

/**
 * One gate's hardware (thermometer and ID card reader from {@link SimulatedGate}, plus a QR scanner that lets a
 * test present thousands of credentials quickly) and the agent that runs it as a separate JVM, which a test
 * can kill -9 and start again on the same database. Also reads the hub's and the agent's SQLite files
 * directly, so checks do not depend on the API.
 */
final class FaultRig implements AutoCloseable {
    static final String SECRET = "fault-injection-community-secret";
    final String gateId;
    final Path dir;
    final SimulatedGate gate;
    final SocatPtyPair qrPty;
    final ScannerEmulator qr;
    final Path agentDb;
    private final Path agentConfig;
    private final JvmProcess agent;
    private int starts;

    FaultRig(Path dir, String gateId, String mqttUrl) throws IOException {
        this(dir, gateId, mqttUrl, dir);
    }

    /** As above with the agent's database in {@code dbDir} (e.g. a small filesystem). */
    FaultRig(Path dir, String gateId, String mqttUrl, Path dbDir) throws IOException {
        this.dir = dir;
        this.gateId = gateId;
        this.gate = SimulatedGate.start(gateId, dir.resolve("dev"), true);
        this.qrPty = SocatPtyPair.start(dir.resolve("dev"), gateId + "-qr");
        this.qr =
                new ScannerEmulator(() -> JSerialCommLink.open(qrPty.deviceEnd().toString(), 9600, 50)).start();
        this.agentDb = dbDir.resolve(gateId + ".db");
        this.agentConfig = dir.resolve(gateId + ".properties");
        writeConfig(mqttUrl);
        this.agent = new JvmProcess(
                "org.gatepost.agent.Main",
                List.of("--config", agentConfig.toString()),
                dir.resolve(gateId + "-agent.log"));
    }

    void writeConfig(String mqttUrl) throws IOException {
        Properties p = QrGateAgents.properties(gateId, gate, mqttUrl, SECRET, agentDb, qrPty.agentEnd());
        try (Writer w = Files.newBufferedWriter(agentConfig, StandardCharsets.UTF_8)) {
            p.store(w, "fault-injection agent");
        }
    }

    void startAgent(String... extraArgs) throws IOException {
        agent.start(extraArgs);
        starts++;
    }

    JvmProcess agent() {
        return agent;
    }

    int starts() {
        return starts;
    }

    /** Scans a unique code: a new person at the gate. */
    void scan(int n) {
        qr.scan(gateId + "-person-" + n);
    }

    /**
     * A hub in this JVM on an ephemeral HTTP port, its SQLite store at {@code hubDb}, listening to the broker at
     * {@code mqttUrl}, with the rig's community secret; {@code extra} adds configuration keys.
     */
    static Hub hub(Path hubDb, String mqttUrl, Map<String, String> extra) throws Exception {
        Map<String, String> cfg = new HashMap<>(Map.of(
                "mqtt.url",
                mqttUrl,
                "http.port",
                "0",
                "http.host",
                "127.0.0.1",
                "store.path",
                hubDb.toString(),
                "community.secret",
                SECRET));
        cfg.putAll(extra);
        return Hub.start(HubConfigParser.parse(cfg), Clock.systemUTC());
    }

    /** Sequence numbers stored at the hub for this gate, from the hub's database file. */
    static SortedSet<Long> hubSeqs(Path hubDb, String gate) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubDb)) {
            return new TreeSet<>(entrySeqs(c, gate));
        }
    }

    /** Every row's sequence number for {@code gate} in the entries table of the hub database {@code c} (duplicates kept). */
    static List<Long> entrySeqs(Connection c, String gate) throws SQLException {
        List<Long> seqs = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT seq FROM entries WHERE gate = ?")) {
            s.setString(1, gate);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seqs.add(r.getLong(1));
                }
            }
        }
        return seqs;
    }

    static long hubCount(Path hubDb, String sql, String gate) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubDb);
                PreparedStatement s = c.prepareStatement(sql)) {
            if (gate != null) {
                s.setString(1, gate);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** Highest sequence number committed in the agent's database and how many distinct epochs it has used. */
    long agentLastSeq() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + agentDb);
                PreparedStatement s = c.prepareStatement("SELECT coalesce(max(seq), 0) FROM outbox")) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    /** The acknowledgement the agent's database holds ({@code meta.acked_up_to}, written at most every 10 s and on close). */
    long agentAckedUpTo() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + agentDb);
                PreparedStatement s = c.prepareStatement("SELECT acked_up_to FROM meta WHERE id = 1")) {
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    static void await(String what, long timeoutMillis, BooleanSupplier condition) {
        Await.until(what, Duration.ofMillis(timeoutMillis), Duration.ofMillis(50), condition, () -> "n/a");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws Exception {
        agent.close();
        qr.close();
        qrPty.close();
        gate.close();
    }
}
