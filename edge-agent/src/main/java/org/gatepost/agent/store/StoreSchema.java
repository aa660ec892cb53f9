package org.gatepost.agent.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's SQLite file layout: connection settings (incremental auto-vacuum for new files, WAL,
 * {@code synchronous=FULL}), the schema and the epoch, made in one transaction when the file is new.
 */
final class StoreSchema {
    private static final Logger log = LoggerFactory.getLogger(StoreSchema.class);
    static final int SCHEMA_VERSION = 1;
    private static final int EPOCH_BYTES = 8;
    private static final int BUSY_TIMEOUT_MS = 5_000;

    private StoreSchema() {}

    static void configure(Connection conn) throws SQLException, StoreException {
        try (Statement st = conn.createStatement()) {
            // Only takes effect before the first table exists, i.e. for a new file; older files stay without.
            st.execute("PRAGMA auto_vacuum=INCREMENTAL");
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StoreException("SQLite refused WAL mode (got '" + mode + "')");
                }
            }
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=" + BUSY_TIMEOUT_MS);
        }
    }

    /** Creates the schema and epoch in one transaction if {@code meta} is missing; returns the epoch. */
    static String createOrCheckSchema(Connection conn, String gateId, Clock clock) throws SQLException, StoreException {
        Meta meta = readOrCreateMeta(conn, gateId, clock);
        if (meta.version() != SCHEMA_VERSION) {
            throw new StoreException(
                    "unsupported schema version " + meta.version() + " (expected " + SCHEMA_VERSION + ")");
        }
        if (!meta.gate().equals(gateId)) {
            throw new StoreException("store belongs to gate '" + meta.gate() + "', configured gate is '" + gateId
                    + "'; move the file aside to start a new epoch");
        }
        if (meta.created()) {
            log.info("event=store-created gate={} epoch={}", gateId, meta.epoch());
        }
        return meta.epoch();
    }

    private record Meta(String epoch, String gate, int version, boolean created) {}

    private static Meta readOrCreateMeta(Connection conn, String gateId, Clock clock) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            boolean exists;
            try (ResultSet rs = st.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'")) {
                exists = rs.next();
            }
            if (!exists) {
                st.execute("""
                        CREATE TABLE meta (
                          id          INTEGER PRIMARY KEY CHECK (id = 1),
                          epoch       TEXT    NOT NULL,
                          gate        TEXT    NOT NULL,
                          next_seq    INTEGER NOT NULL,
                          acked_up_to INTEGER NOT NULL,
                          created_at  TEXT    NOT NULL
                        )""");
                // No index on id: it is gate-epoch-seq, unique by seq, and an index is one more page per commit.
                st.execute("""
                        CREATE TABLE outbox (
                          seq       INTEGER PRIMARY KEY,
                          id        TEXT    NOT NULL,
                          at        TEXT    NOT NULL,
                          decision  TEXT    NOT NULL,
                          payload   TEXT    NOT NULL,
                          acked     INTEGER NOT NULL DEFAULT 0,
                          stored_at TEXT    NOT NULL,
                          acked_at  TEXT
                        )""");
                try (PreparedStatement ps = conn.prepareStatement(
                        "INSERT INTO meta (id, epoch, gate, next_seq, acked_up_to, created_at) VALUES (1, ?, ?, 1, 0, ?)")) {
                    ps.setString(1, newEpoch());
                    ps.setString(2, gateId);
                    ps.setString(3, clock.instant().toString());
                    ps.executeUpdate();
                }
                st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
            }
            String epoch;
            String gate;
            try (ResultSet rs = st.executeQuery("SELECT epoch, gate FROM meta WHERE id = 1")) {
                if (!rs.next()) {
                    throw new SQLException("meta row missing: not a Gatepost store");
                }
                epoch = rs.getString(1);
                gate = rs.getString(2);
            }
            int version;
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            conn.commit();
            return new Meta(epoch, gate, version, !exists);
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(true);
        }
    }

    private static String newEpoch() {
        byte[] bytes = new byte[EPOCH_BYTES];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
