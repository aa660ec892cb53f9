package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * {@link LoginSlotStore} in the hub's database (tables {@code login_slots} and {@code login_throttle_lock}, migration
 * V6). Portable SQL. Every transaction first updates the one lock row, which serialises them across hubs: on
 * PostgreSQL by the row lock (held to the commit), on SQLite by the write lock the update takes before anything is
 * read. Thread safe.
 */
final class SqlLoginSlotStore implements LoginSlotStore {
    static final String ADDRESS = "address";
    static final String NAME = "name";

    private final Database db;

    SqlLoginSlotStore(Database db) {
        this.db = db;
    }

    /**
     * A read first: an address or name already full is refused without a write, so a flood of refused logins costs
     * reads beside ingest, not write transactions. Otherwise the locked transaction checks again and takes.
     */
    @Override
    public Take take(String attempt, String address, String name, Instant now, Duration window, int max)
            throws StoreException {
        Instant cutoff = now.minus(window);
        Full seen = db.query("read login slots", c -> full(c, address, name, cutoff, window, max));
        if (seen != null) {
            return seen;
        }
        return db.transact("take login slots", c -> {
            lock(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_slots WHERE at <= ?")) {
                ps.setString(1, Times.format(cutoff));
                ps.executeUpdate();
            }
            Full full = full(c, address, name, cutoff, window, max);
            if (full != null) {
                return full;
            }
            try (PreparedStatement ps =
                    c.prepareStatement("INSERT INTO login_slots (attempt, kind, subject, at) VALUES (?, ?, ?, ?)")) {
                for (String[] subject : subjects(address, name)) {
                    ps.setString(1, attempt);
                    ps.setString(2, subject[0]);
                    ps.setString(3, subject[1]);
                    ps.setString(4, Times.format(now));
                    ps.executeUpdate();
                }
            }
            return new Taken();
        });
    }

    /** Full when the address or the name holds {@code max} slots after {@code cutoff}; null when both have room. */
    private static Full full(Connection c, String address, String name, Instant cutoff, Duration window, int max)
            throws SQLException {
        Instant freesAt = null;
        for (String[] subject : subjects(address, name)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*), MIN(at) FROM login_slots WHERE kind = ? AND subject = ? AND at > ?")) {
                ps.setString(1, subject[0]);
                ps.setString(2, subject[1]);
                ps.setString(3, Times.format(cutoff));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) >= max) {
                        Instant frees = Times.parse(rs.getString(2)).plus(window);
                        freesAt = freesAt == null || frees.isAfter(freesAt) ? frees : freesAt;
                    }
                }
            }
        }
        return freesAt == null ? null : new Full(freesAt);
    }

    private static String[][] subjects(String address, String name) {
        return new String[][] {{ADDRESS, address}, {NAME, name}};
    }

    @Override
    public void succeeded(String attempt, String name) throws StoreException {
        db.transact("release login slots", c -> {
            lock(c);
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM login_slots WHERE (attempt = ? AND kind = ?) OR (kind = ? AND subject = ?)")) {
                ps.setString(1, attempt);
                ps.setString(2, ADDRESS);
                ps.setString(3, NAME);
                ps.setString(4, name);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void cancel(String attempt) throws StoreException {
        db.transact("give back login slots", c -> {
            lock(c);
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_slots WHERE attempt = ?")) {
                ps.setString(1, attempt);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public long count() throws StoreException {
        return db.query("count login slots", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM login_slots");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Takes the throttle's one lock row until the commit. */
    private static void lock(Connection c) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("UPDATE login_throttle_lock SET turns = turns + 1 WHERE id = 1")) {
            if (ps.executeUpdate() != 1) {
                throw new SQLException("login_throttle_lock has no row 1 (migration V6 not applied?)");
            }
        }
    }
}
