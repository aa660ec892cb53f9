package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link PassStore} in the hub's database (migration V8). Portable SQL. Thread safe. */
final class SqlPassStore implements PassStore {
    private static final String COLUMNS = """
            p.pass_id, p.key_id, p.visitor_name, p.visitor_phone, p.household, p.valid_from, p.valid_to, p.uses,
            p.issued_at, p.issued_by, p.revoked_at, p.revoked_by,
            (SELECT COUNT(*) FROM pass_uses u WHERE u.pass_id = p.pass_id),
            (SELECT MAX(u.used_at) FROM pass_uses u WHERE u.pass_id = p.pass_id)""";
    private final Database db;

    SqlPassStore(Database db) {
        this.db = db;
    }

    @Override
    public SigningKey signingKey(SigningKey candidate) throws StoreException {
        return db.transact("read or create the pass key", c -> {
            Optional<SigningKey> k = oldest(c);
            if (k.isPresent()) {
                return k.get();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO pass_keys (key_id, public_key, private_key, created_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (key_id) DO NOTHING""")) {
                ps.setString(1, candidate.id());
                ps.setString(2, candidate.publicKey());
                ps.setString(3, candidate.privateKey());
                ps.setString(4, Times.format(candidate.createdAt()));
                ps.executeUpdate();
            }
            return oldest(c).orElseThrow();
        });
    }

    /** The oldest key signs: every hub on one database picks the same one, whichever inserted first. */
    private static Optional<SigningKey> oldest(Connection c) throws SQLException {
        List<SigningKey> all = all(c);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    private static List<SigningKey> all(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT key_id, public_key, private_key, created_at FROM pass_keys ORDER BY created_at, key_id")) {
            return Rows.list(
                    ps,
                    rs -> new SigningKey(
                            rs.getString(1), rs.getString(2), rs.getString(3), Times.parse(rs.getString(4))));
        }
    }

    @Override
    public List<SigningKey> keys() throws StoreException {
        return db.query("read pass keys", SqlPassStore::all);
    }

    @Override
    public void issue(StoredPass p, AuditRecord audit) throws StoreException {
        db.transact("issue pass", c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO passes (pass_id, key_id, visitor_name, visitor_phone, household, valid_from, valid_to,
                      uses, issued_at, issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                ps.setString(1, p.id());
                ps.setString(2, p.keyId());
                ps.setString(3, p.visitorName());
                ps.setString(4, p.visitorPhone());
                ps.setString(5, p.household());
                ps.setString(6, Times.format(p.validFrom()));
                ps.setString(7, Times.format(p.validTo()));
                ps.setString(8, p.usesWire());
                ps.setString(9, Times.format(p.issuedAt()));
                ps.setString(10, p.issuedBy());
                ps.executeUpdate();
            }
            AuditWrites.insert(c, audit);
            return null;
        });
    }

    @Override
    public boolean revoke(String id, Instant at, String by, AuditRecord audit) throws StoreException {
        return db.transact("revoke pass", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE passes SET revoked_at = ?, revoked_by = ? WHERE pass_id = ? AND revoked_at IS NULL")) {
                ps.setString(1, Times.format(at));
                ps.setString(2, by);
                ps.setString(3, id);
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            AuditWrites.insert(c, audit);
            return true;
        });
    }

    @Override
    public Optional<StoredPass> find(String id) throws StoreException {
        return db.query("read pass", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT " + COLUMNS + " FROM passes p WHERE p.pass_id = ?")) {
                ps.setString(1, id);
                List<StoredPass> l = read(ps);
                return l.isEmpty() ? Optional.empty() : Optional.of(l.getFirst());
            }
        });
    }

    @Override
    public List<StoredPass> recent(int limit) throws StoreException {
        return db.query("read passes", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT " + COLUMNS + " FROM passes p ORDER BY p.issued_at DESC, p.pass_id LIMIT ?")) {
                ps.setInt(1, limit);
                return read(ps);
            }
        });
    }

    private static List<StoredPass> read(PreparedStatement ps) throws SQLException {
        return Rows.list(
                ps,
                rs -> new StoredPass(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        Times.parse(rs.getString(6)),
                        Times.parse(rs.getString(7)),
                        "one".equals(rs.getString(8)),
                        Times.parse(rs.getString(9)),
                        rs.getString(10),
                        Times.parse(rs.getString(11)),
                        rs.getString(12),
                        rs.getInt(13),
                        Times.parse(rs.getString(14))));
    }

    @Override
    public List<String> revokedValid(Instant now) throws StoreException {
        return ids(
                "read revoked passes",
                "SELECT pass_id FROM passes WHERE revoked_at IS NOT NULL AND valid_to > ? ORDER BY pass_id",
                now);
    }

    @Override
    public List<String> usedValid(Instant now) throws StoreException {
        return ids("read used passes", """
                SELECT p.pass_id FROM passes p WHERE p.uses = 'one' AND p.valid_to > ?
                  AND EXISTS (SELECT 1 FROM pass_uses u WHERE u.pass_id = p.pass_id) ORDER BY p.pass_id""", now);
    }

    private List<String> ids(String what, String sql, Instant now) throws StoreException {
        return db.query(what, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, Times.format(now));
                return Rows.list(ps, rs -> rs.getString(1));
            }
        });
    }

    /**
     * Within the ingest transaction: records the {@code admit-visitor} entry {@code entryId} of pass {@code passId}
     * (once per entry id). Returns what the hub knew before: whether the pass is one of its own, one-use, and how
     * many other entries used it.
     */
    static PassUse recordUse(Connection c, String passId, String entryId, String gate, Instant at, Instant receivedAt)
            throws SQLException {
        boolean known;
        boolean oneUse = false;
        try (PreparedStatement ps = c.prepareStatement("SELECT uses FROM passes WHERE pass_id = ?")) {
            ps.setString(1, passId);
            try (ResultSet rs = ps.executeQuery()) {
                known = rs.next();
                if (known) {
                    oneUse = "one".equals(rs.getString(1));
                }
            }
        }
        int earlier;
        try (PreparedStatement ps =
                c.prepareStatement("SELECT COUNT(*) FROM pass_uses WHERE pass_id = ? AND entry_id <> ?")) {
            ps.setString(1, passId);
            ps.setString(2, entryId);
            earlier = (int) Rows.number(ps);
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO pass_uses (entry_id, pass_id, gate, used_at, received_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (entry_id) DO NOTHING""")) {
            ps.setString(1, entryId);
            ps.setString(2, passId);
            ps.setString(3, gate);
            ps.setString(4, Times.format(at));
            ps.setString(5, Times.format(receivedAt));
            ps.executeUpdate();
        }
        return new PassUse(known, oneUse, earlier);
    }
}
