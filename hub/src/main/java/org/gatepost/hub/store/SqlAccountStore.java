package org.gatepost.hub.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link AccountStore} in the hub's database, on the {@link Database}'s connections (writes serialised with
 * ingest). Portable SQL. Thread safe.
 */
public final class SqlAccountStore implements AccountStore {
    private final Database db;

    private SqlAccountStore(Database db) {
        this.db = db;
    }

    /** The accounts and audit log in {@code db} (their tables come from the migrations). */
    static SqlAccountStore open(Database db) {
        return new SqlAccountStore(db);
    }

    @Override
    public Optional<Account> account(String name) throws StoreException {
        return db.query("read account", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, role, password_hash, created_at, password_changed_at FROM accounts WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(account(rs)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<Account> accounts() throws StoreException {
        return db.query("read accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT name, role, password_hash, created_at, password_changed_at FROM accounts ORDER BY name")) {
                return Rows.list(ps, rs -> account(rs));
            }
        });
    }

    @Override
    public long accountCount() throws StoreException {
        return db.query("count accounts", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM accounts");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void create(Account a, AuditRecord audit) throws StoreException, DuplicateAccountException {
        boolean created = db.transact("create account", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at)
                    VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (name) DO NOTHING""")) {
                ps.setString(1, a.name());
                ps.setString(2, a.role());
                ps.setString(3, a.passwordHash());
                ps.setString(4, Times.format(a.createdAt()));
                ps.setString(5, Times.format(a.passwordChangedAt()));
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            AuditWrites.insert(c, audit);
            return true;
        });
        if (!created) {
            throw new DuplicateAccountException(a.name());
        }
    }

    @Override
    public void changePassword(String name, String passwordHash, Instant at, AuditRecord audit) throws StoreException {
        db.transact("change password", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE name = ?")) {
                ps.setString(1, passwordHash);
                ps.setString(2, Times.format(at));
                ps.setString(3, name);
                if (ps.executeUpdate() == 0) {
                    return null;
                }
            }
            AuditWrites.insert(c, audit);
            return null;
        });
    }

    @Override
    public void audit(AuditRecord record) throws StoreException {
        db.transact("write audit", c -> {
            AuditWrites.insert(c, record);
            return null;
        });
    }

    @Override
    public List<AuditRecord> auditLog(Optional<String> actor, Optional<String> action, int limit)
            throws StoreException {
        return db.query("read audit", c -> {
            Where w = new Where().eq("actor", actor).eq("action", action);
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, at, actor, action, target, detail, remote FROM audit_log %s
                    ORDER BY id DESC LIMIT ?""".formatted(w.sql()))) {
                int i = w.bind(ps);
                ps.setInt(i + 1, limit);
                return Rows.list(
                        ps,
                        rs -> new AuditRecord(
                                rs.getLong(1),
                                Times.parse(rs.getString(2)),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getString(6),
                                rs.getString(7)));
            }
        });
    }

    private static Account account(ResultSet rs) throws SQLException {
        return new Account(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Times.parse(rs.getString(4)),
                Times.parse(rs.getString(5)));
    }
}
