package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The tables, in DDL that SQLite and PostgreSQL both accept (TEXT, BIGINT, INTEGER, DOUBLE PRECISION;
 * booleans as 0/1; times as fixed-width UTC text, so text order is time order; ids assigned by the writer).
 */
final class Schema {
    static final List<String> DDL = List.of("""
            CREATE TABLE IF NOT EXISTS entries (
              gate TEXT NOT NULL,
              epoch TEXT NOT NULL,
              seq BIGINT NOT NULL,
              entry_id TEXT NOT NULL,
              at TEXT NOT NULL,
              received_at TEXT NOT NULL,
              clock_synced INTEGER NOT NULL,
              credential_kind TEXT,
              credential_hash TEXT,
              credential_masked TEXT,
              body_c DOUBLE PRECISION,
              object_c DOUBLE PRECISION,
              ambient_c DOUBLE PRECISION,
              offset_c DOUBLE PRECISION,
              samples INTEGER,
              decision TEXT NOT NULL,
              threshold_c DOUBLE PRECISION NOT NULL,
              payload TEXT NOT NULL,
              admitted INTEGER NOT NULL DEFAULT 0,
              direction TEXT,
              reader TEXT,
              person_role TEXT,
              household TEXT,
              quarantined INTEGER NOT NULL DEFAULT 0,
              mask TEXT,
              rules TEXT,
              PRIMARY KEY (gate, epoch, seq))""",
            "CREATE INDEX IF NOT EXISTS entries_by_received ON entries (received_at)",
            "CREATE INDEX IF NOT EXISTS entries_by_gate_received ON entries (gate, received_at)",
            "CREATE INDEX IF NOT EXISTS entries_by_credential ON entries (credential_hash)",
            "CREATE INDEX IF NOT EXISTS entries_by_gate_decision ON entries (gate, decision, at)",
            """
            CREATE TABLE IF NOT EXISTS gate_progress (
              gate TEXT NOT NULL,
              epoch TEXT NOT NULL,
              up_to BIGINT NOT NULL,
              PRIMARY KEY (gate, epoch))""",
            """
            CREATE TABLE IF NOT EXISTS gates (
              gate TEXT PRIMARY KEY,
              state TEXT NOT NULL,
              reason TEXT,
              boot TEXT,
              epoch TEXT,
              status_at TEXT,
              last_status_at TEXT,
              last_entry_at TEXT)""",
            """
            CREATE TABLE IF NOT EXISTS alerts (
              id BIGINT PRIMARY KEY,
              dedupe_key TEXT NOT NULL UNIQUE,
              kind TEXT NOT NULL,
              severity TEXT NOT NULL,
              gate TEXT NOT NULL,
              entry_id TEXT,
              message TEXT NOT NULL,
              raised_at TEXT NOT NULL,
              acknowledged_at TEXT,
              acknowledged_by TEXT,
              resolved_at TEXT)""",
            "CREATE INDEX IF NOT EXISTS alerts_by_raised ON alerts (raised_at)",
            "CREATE INDEX IF NOT EXISTS alerts_by_gate_kind ON alerts (gate, kind)",
            """
            CREATE TABLE IF NOT EXISTS dead_letters (
              id BIGINT PRIMARY KEY,
              topic TEXT NOT NULL,
              payload TEXT NOT NULL,
              payload_bytes BIGINT NOT NULL,
              reason TEXT NOT NULL,
              received_at TEXT NOT NULL)""",
            "CREATE INDEX IF NOT EXISTS dead_letters_by_received ON dead_letters (received_at)",
            HealthWrites.DDL,
            ConditionWrites.DDL);

    private Schema() {
    }

    /**
     * Version 1 to 2 (the checkpoint's rules, #5): the entries' rule columns and the list versions a gate's
     * heartbeat reports. {@code rules} holds all rule fields as JSON ({@code lists}, {@code duty}, {@code retest},
     * {@code quota}, {@code visitor}, {@code override}, ...); an entry stored before has none, and was admitted
     * exactly when its decision was {@code admit}.
     */
    static final List<String> TO_VERSION_2 = List.of(
            "ALTER TABLE entries ADD COLUMN admitted INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE entries ADD COLUMN direction TEXT",
            "ALTER TABLE entries ADD COLUMN reader TEXT",
            "ALTER TABLE entries ADD COLUMN person_role TEXT",
            "ALTER TABLE entries ADD COLUMN household TEXT",
            "ALTER TABLE entries ADD COLUMN quarantined INTEGER NOT NULL DEFAULT 0",
            "ALTER TABLE entries ADD COLUMN mask TEXT",
            "ALTER TABLE entries ADD COLUMN rules TEXT",
            "ALTER TABLE gate_health ADD COLUMN lists TEXT",
            "UPDATE entries SET admitted = CASE WHEN decision = 'admit' THEN 1 ELSE 0 END");

    /** Brings a database of schema {@code from} (1 or more; 0 is a new file) up to the current tables. */
    static void upgrade(Connection c, int from) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (from == 1) {
                for (String ddl : TO_VERSION_2) {
                    s.executeUpdate(ddl);
                }
            }
        }
        create(c);
    }

    static void create(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String ddl : DDL) {
                s.executeUpdate(ddl);
            }
        }
    }
}
