package org.gatepost.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** {@link SessionStore} in the hub's database (table {@code sessions}, migration V6). Portable SQL. Thread safe. */
final class SqlSessionStore implements SessionStore {
    private final Database db;

    SqlSessionStore(Database db) {
        this.db = db;
    }

    @Override
    public void create(StoredSession s) throws StoreException {
        db.transact("create session", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO sessions (token_hash, name, role, csrf_token, created_at, last_seen, expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, s.tokenHash());
                ps.setString(2, s.name());
                ps.setString(3, s.role());
                ps.setString(4, s.csrfToken());
                ps.setString(5, Times.format(s.createdAt()));
                ps.setString(6, Times.format(s.lastSeen()));
                ps.setString(7, Times.format(s.expiresAt()));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public Optional<StoredSession> find(String tokenHash) throws StoreException {
        return db.query("read session", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT token_hash, name, role, csrf_token, created_at, last_seen, expires_at
                    FROM sessions WHERE token_hash = ?""")) {
                ps.setString(1, tokenHash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredSession(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            Times.parse(rs.getString(5)),
                            Times.parse(rs.getString(6)),
                            Times.parse(rs.getString(7))));
                }
            }
        });
    }

    @Override
    public void touch(String tokenHash, Instant lastSeen, Instant expiresAt) throws StoreException {
        db.transact("touch session", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE sessions SET last_seen = ?, expires_at = ? WHERE token_hash = ? AND expires_at < ?")) {
                ps.setString(1, Times.format(lastSeen));
                ps.setString(2, Times.format(expiresAt));
                ps.setString(3, tokenHash);
                ps.setString(4, Times.format(expiresAt));
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public void delete(String tokenHash) throws StoreException {
        db.transact("delete session", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
                ps.setString(1, tokenHash);
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean deleteIfExpired(String tokenHash, Instant now) throws StoreException {
        return db.transact("delete expired session", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM sessions WHERE token_hash = ? AND expires_at <= ?")) {
                ps.setString(1, tokenHash);
                ps.setString(2, Times.format(now));
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public int deleteAllOf(String name, Optional<String> keepHash) throws StoreException {
        return db.transact("delete sessions of account", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE name = ? AND token_hash <> ?")) {
                ps.setString(1, name);
                ps.setString(2, keepHash.orElse(""));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int deleteExpired(Instant now) throws StoreException {
        return db.transact("delete expired sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM sessions WHERE expires_at <= ?")) {
                ps.setString(1, Times.format(now));
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public long count() throws StoreException {
        return db.query("count sessions", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM sessions");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
