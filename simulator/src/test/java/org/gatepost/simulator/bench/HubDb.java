package org.gatepost.simulator.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads the hub's database directly (its SQLite file, where WAL means a reader never blocks the hub's writer, or
 * its PostgreSQL database), so a benchmark's "committed at the hub" is what the hub actually committed. One
 * connection, used by one thread.
 */
final class HubDb implements AutoCloseable {
    private final String url;
    private final String user;
    private Connection conn;

    /** The hub's SQLite file. */
    HubDb(Path file) {
        this("jdbc:sqlite:" + file, null);
    }

    /** A JDBC URL, e.g. the hubs' PostgreSQL database, read as {@code user} (no password: a test cluster). */
    HubDb(String url, String user) {
        this.url = url;
        this.user = user;
    }

    /** Entries committed for {@code gate} with every seq below them committed too (the ack's high-water mark). */
    long committedUpTo(String gate) throws SQLException {
        return longQuery("SELECT COALESCE(MAX(up_to), 0) FROM gate_progress WHERE gate = ?", gate);
    }

    /** The sum of every gate's high-water mark: entries committed in order, over all gates. */
    long committedTotal() throws SQLException {
        return longQuery("SELECT COALESCE(SUM(up_to), 0) FROM gate_progress");
    }

    /** Entries committed in order for the gates whose id starts with {@code gatePrefix}. */
    long committedTotal(String gatePrefix) throws SQLException {
        return longQuery(
                "SELECT COALESCE(SUM(up_to), 0) FROM gate_progress WHERE substr(gate, 1, length(?)) = ?",
                gatePrefix,
                gatePrefix);
    }

    /** Fever alerts raised for {@code gate}. */
    long feverAlerts(String gate) throws SQLException {
        return longQuery("SELECT COUNT(*) FROM alerts WHERE gate = ? AND kind = 'fever'", gate);
    }

    private long longQuery(String sql, String... args) throws SQLException {
        try (PreparedStatement s = connection().prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        }
    }

    private Connection connection() throws SQLException {
        if (conn == null) {
            conn = DriverManager.getConnection(url, user, null);
        }
        return conn;
    }

    @Override
    public void close() {
        if (conn == null) {
            return;
        }
        try {
            conn.close();
        } catch (SQLException ignored) {
            // read-only: nothing to lose
        }
        conn = null;
    }
}
