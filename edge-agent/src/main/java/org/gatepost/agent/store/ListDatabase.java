package org.gatepost.agent.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The applied list versions in the gate's own SQLite file (the outbox's {@code store.path}), on a connection of
 * its own with the outbox's settings (WAL, {@code synchronous=FULL}, a busy timeout). Two tables, created if
 * missing: {@code list_version} (one row per list: version, published_at, sha256) and {@code list_part} (its
 * verified part payloads). The outbox's tables are not touched. Open the outbox first, so a new file gets the
 * outbox's page settings.
 *
 * <p>Calls block on disk I/O. Thread safe (synchronized); meant for one writer, the MQTT callback.
 */
public final class ListDatabase implements AutoCloseable {
    /** One stored version, as written by {@link #save}. */
    public record Stored(String list, long version, Instant publishedAt, String sha256, List<byte[]> parts) {
        public Stored {
            parts = List.copyOf(parts);
        }
    }

    private final Path file;
    private final Connection conn;

    private ListDatabase(Path file, Connection conn) {
        this.file = file;
        this.conn = conn;
    }

    /** Opens {@code file} (creating it and the tables if missing). */
    public static ListDatabase open(Path file) throws StoreException {
        Connection conn = null;
        try {
            DatabaseFiles.prepare(file);
            conn = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            StoreSchema.configure(conn);
            try (Statement st = conn.createStatement()) {
                st.execute("""
                        CREATE TABLE IF NOT EXISTS list_version (
                          list         TEXT    PRIMARY KEY,
                          version      INTEGER NOT NULL,
                          published_at TEXT    NOT NULL,
                          sha256       TEXT    NOT NULL,
                          applied_at   TEXT    NOT NULL
                        )""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS hub_retests (
                          id      INTEGER PRIMARY KEY CHECK (id = 1),
                          payload BLOB    NOT NULL
                        )""");
                st.execute("""
                        CREATE TABLE IF NOT EXISTS list_part (
                          list    TEXT    NOT NULL,
                          part    INTEGER NOT NULL,
                          payload BLOB    NOT NULL,
                          PRIMARY KEY (list, part)
                        )""");
            }
            return new ListDatabase(file, conn);
        } catch (SQLException | IOException | StoreException e) {
            if (conn != null) {
                try {
                    conn.close();
                } catch (SQLException ignored) {
                    // already failing
                }
            }
            throw new StoreException("cannot open lists in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the stored version of {@code s.list()} with {@code s}, in one transaction. */
    public synchronized void save(Stored s, Instant appliedAt) throws StoreException {
        try {
            inTransaction(() -> {
                try (PreparedStatement del = conn.prepareStatement("DELETE FROM list_part WHERE list = ?");
                        PreparedStatement part =
                                conn.prepareStatement("INSERT INTO list_part (list, part, payload) VALUES (?, ?, ?)");
                        PreparedStatement ver = conn.prepareStatement("""
                             INSERT INTO list_version (list, version, published_at, sha256, applied_at) VALUES (?, ?, ?, ?, ?)
                             ON CONFLICT (list) DO UPDATE SET version = excluded.version,
                               published_at = excluded.published_at, sha256 = excluded.sha256,
                               applied_at = excluded.applied_at""")) {
                    del.setString(1, s.list());
                    del.executeUpdate();
                    for (int i = 0; i < s.parts().size(); i++) {
                        part.setString(1, s.list());
                        part.setInt(2, i + 1);
                        part.setBytes(3, s.parts().get(i));
                        part.addBatch();
                    }
                    part.executeBatch();
                    ver.setString(1, s.list());
                    ver.setLong(2, s.version());
                    ver.setString(3, s.publishedAt().toString());
                    ver.setString(4, s.sha256());
                    ver.setString(5, appliedAt.toString());
                    ver.executeUpdate();
                }
            });
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot store list " + s.list() + " version " + s.version() + ": " + e.getMessage(), e);
        }
    }

    /** Every stored version, by list name, as saved (the checksum is not verified here). */
    public synchronized Map<String, Stored> loadAll() throws StoreException {
        Map<String, Stored> out = new LinkedHashMap<>();
        try (Statement st = conn.createStatement();
                ResultSet rs =
                        st.executeQuery("SELECT list, version, published_at, sha256 FROM list_version ORDER BY list");
                PreparedStatement parts =
                        conn.prepareStatement("SELECT payload FROM list_part WHERE list = ? ORDER BY part")) {
            while (rs.next()) {
                String list = rs.getString(1);
                List<byte[]> payloads = new ArrayList<>();
                parts.setString(1, list);
                try (ResultSet p = parts.executeQuery()) {
                    while (p.next()) {
                        payloads.add(p.getBytes(1));
                    }
                }
                out.put(
                        list,
                        new Stored(list, rs.getLong(2), Instant.parse(rs.getString(3)), rs.getString(4), payloads));
            }
            return out;
        } catch (SQLException | RuntimeException e) {
            throw new StoreException("cannot read the lists in " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The end of the emergency: deletes the stored versions of {@code lists} (their parts name people) and the hub's
     * pending retests (credential hashes), in one transaction with {@code secure_delete} on; the owner of the file
     * vacuums it afterwards. Returns the counts: {@code lists} (versions deleted), {@code list_parts},
     * {@code hub_retests}.
     */
    public synchronized Map<String, Long> deletePersonal(List<String> lists) throws StoreException {
        Map<String, Long> out = new LinkedHashMap<>();
        try {
            inTransaction(() -> {
                try (Statement st = conn.createStatement();
                        PreparedStatement parts = conn.prepareStatement("DELETE FROM list_part WHERE list = ?");
                        PreparedStatement versions = conn.prepareStatement("DELETE FROM list_version WHERE list = ?")) {
                    st.execute("PRAGMA secure_delete=ON");
                    long p = 0;
                    long v = 0;
                    for (String list : lists) {
                        parts.setString(1, list);
                        p += parts.executeUpdate();
                        versions.setString(1, list);
                        v += versions.executeUpdate();
                    }
                    out.put("lists", v);
                    out.put("list_parts", p);
                    out.put("hub_retests", (long) st.executeUpdate("DELETE FROM hub_retests"));
                }
            });
        } catch (SQLException e) {
            throw new StoreException("cannot delete the personal lists: " + e.getMessage(), e);
        }
        return out;
    }

    /** Keeps the hub's last valid pending-retests message, replacing the one before. */
    public synchronized void saveRetests(byte[] payload) throws StoreException {
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO hub_retests (id, payload) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET payload = excluded.payload")) {
            ps.setBytes(1, payload);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("cannot store the pending retests: " + e.getMessage(), e);
        }
    }

    /** The message kept by {@link #saveRetests}, or null. */
    public synchronized byte[] loadRetests() throws StoreException {
        try (Statement st = conn.createStatement();
                ResultSet rs = st.executeQuery("SELECT payload FROM hub_retests WHERE id = 1")) {
            return rs.next() ? rs.getBytes(1) : null;
        } catch (SQLException e) {
            throw new StoreException("cannot read the pending retests: " + e.getMessage(), e);
        }
    }

    private interface SqlWork {
        void run() throws SQLException;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    private void inTransaction(SqlWork work) throws SQLException {
        conn.setAutoCommit(false);
        try {
            work.run();
            conn.commit();
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    @Override
    public synchronized void close() {
        try {
            conn.close();
        } catch (SQLException e) {
            // nothing left to do with a connection that will not close
        }
    }
}
