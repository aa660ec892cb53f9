package org.gatepost.simulator.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import org.gatepost.agent.contract.EntryJson;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.testing.SampleDrafts;

/**
 * The reference for figures 1 and 6: the cheapest durable write SQLite offers, one row of an entry's JSON per
 * commit into a fresh WAL-mode file with {@code synchronous=FULL}, on the same disk as the agent's store.
 * Measures each commit's latency and the bytes the calling thread sent towards the disk
 * ({@code /proc/thread-self/io} {@code write_bytes}) per commit.
 *
 * @param p50Millis     median commit time
 * @param p99Millis     99th percentile commit time
 * @param bytesPerCommit storage write bytes per commit
 */
record BareCommits(double p50Millis, double p99Millis, double bytesPerCommit, int commits) {

    static BareCommits measure(Path dir, int commits) throws SQLException, IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bare-commit.db");
        Files.deleteIfExists(file);
        long[] nanos = new long[commits];
        long bytes;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("CREATE TABLE t (seq INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO t (seq, payload) VALUES (?, ?)")) {
                int warmup = Math.max(10, commits / 10);
                for (int i = 1; i <= warmup; i++) {
                    insert(ins, -i, payload(i));
                }
                long before = ProcStats.threadWriteBytes();
                for (int i = 0; i < commits; i++) {
                    String payload = payload(i + 1);
                    long t0 = System.nanoTime();
                    insert(ins, i + 1, payload);
                    nanos[i] = System.nanoTime() - t0;
                }
                bytes = ProcStats.threadWriteBytes() - before;
            }
        }
        Percentiles p = new Percentiles(nanos, commits);
        return new BareCommits(p.millis(50), p.millis(99), (double) bytes / commits, commits);
    }

    private static String payload(int seq) {
        return EntryJson.toJson(new Entry("bench-gate", "0123456789abcdef", seq, SampleDrafts.admit(seq)));
    }

    private static void insert(PreparedStatement ins, long seq, String payload) throws SQLException {
        ins.setLong(1, seq);
        ins.setString(2, payload);
        ins.executeUpdate(); // autocommit: one transaction, one fsync
    }
}
