package org.gatepost.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;

/** {@link LeaseTable} in PostgreSQL's SQL, on pooled connections beside ingest's writes (never queued behind them). */
final class SqlLeaseTable implements LeaseTable {
    /** A statement that has not answered by then fails, so a renewal never hangs past the holder's fence. */
    static final int STATEMENT_TIMEOUT_S = 2;

    private final Database db;

    SqlLeaseTable(Database db) {
        this.db = db;
    }

    @Override
    public String claim(String name, String holder, Duration ttl) throws StoreException {
        return db.query("claim lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO leases (name, holder, expires_at)
                    VALUES (?, ?, now() + make_interval(secs => ?))
                    ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at
                    WHERE leases.holder = EXCLUDED.holder OR leases.expires_at <= now()
                    RETURNING holder""")) {
                ps.setQueryTimeout(STATEMENT_TIMEOUT_S);
                ps.setString(1, name);
                ps.setString(2, holder);
                ps.setDouble(3, ttl.toMillis() / 1000.0);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT holder FROM leases WHERE name = ?")) {
                ps.setQueryTimeout(STATEMENT_TIMEOUT_S);
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            }
        });
    }

    @Override
    public void release(String name, String holder) throws StoreException {
        db.query("release lease", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name = ? AND holder = ?")) {
                ps.setQueryTimeout(STATEMENT_TIMEOUT_S);
                ps.setString(1, name);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }
}
