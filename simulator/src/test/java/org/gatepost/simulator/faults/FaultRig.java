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
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.demo.GateAgents;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.scanner.ScannerEmulator;

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
        Properties p = GateAgents.properties(gateId, gate, mqttUrl, SECRET, agentDb);
        p.setProperty("measure.samples", "1");
        p.setProperty("measure.window", "1s");
        p.setProperty("readers", "qr");
        p.setProperty("reader.qr.protocol", "qr");
        p.setProperty("reader.qr.port", qrPty.agentEnd().toString());
        p.setProperty("reader.qr.terminator", "cr");
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

    /** Sequence numbers stored at the hub for this gate, from the hub's database file. */
    static SortedSet<Long> hubSeqs(Path hubDb, String gate) throws SQLException {
        SortedSet<Long> seqs = new TreeSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + hubDb);
                PreparedStatement s = c.prepareStatement("SELECT seq FROM entries WHERE gate = ?")) {
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
