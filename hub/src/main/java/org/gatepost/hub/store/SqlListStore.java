package org.gatepost.hub.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link ListStore} in the hub's database, on the {@link Database}'s connections (writes serialised with
 * ingest). SQL that PostgreSQL also accepts. Thread safe.
 */
public final class SqlListStore implements ListStore {
    private final Database db;

    private SqlListStore(Database db) {
        this.db = db;
    }

    /** The lists in {@code db} (their tables come from the migrations). */
    static SqlListStore open(Database db) {
        return new SqlListStore(db);
    }

    @Override
    public void ensure(String list, List<String> items, List<String> search, Instant at) throws StoreException {
        try {
            db.transact("create list " + list, c -> {
                if (version(c, list).isEmpty()) {
                    write(c, list, items, search, 1, at);
                }
                return null;
            });
        } catch (StoreException e) {
            // Several hub instances starting at once on an empty database: another one created the list between
            // this one's check and its insert (a unique-key violation here). The list exists: nothing to do.
            if (db.query("read list " + list, c -> version(c, list)).isEmpty()) {
                throw e;
            }
        }
    }

    @Override
    public List<ListVersion> versions() throws StoreException {
        return db.query("read list versions", c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT list, version, published_at, items FROM list_versions ORDER BY list")) {
                return Rows.list(ps, rs -> version(rs));
            }
        });
    }

    @Override
    public Optional<StoredList> current(String list) throws StoreException {
        return db.query("read list " + list, c -> {
            Optional<ListVersion> v = version(c, list);
            if (v.isEmpty()) {
                return Optional.empty();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT item FROM list_items WHERE list = ? ORDER BY position")) {
                ps.setString(1, list);
                return Optional.of(new StoredList(v.get(), strings(ps)));
            }
        });
    }

    @Override
    public ListVersion replace(String list, ItemSource items, Instant at, AuditRecord audit) throws StoreException {
        StoreException[] failed = new StoreException[1];
        try {
            return db.transact("replace list " + list, c -> {
                long next = version(c, list).map(v -> v.version() + 1).orElse(1L);
                ListVersion v;
                try {
                    v = write(c, list, items, next, at);
                } catch (StoreException e) {
                    failed[0] = e;
                    throw new SQLException(e.getMessage(), e);
                }
                AuditWrites.insert(c, audit);
                return v;
            });
        } catch (StoreException e) {
            throw failed[0] != null ? failed[0] : e;
        }
    }

    @Override
    public Optional<ListVersion> forEachItem(String list, ItemBytes each) throws StoreException {
        StoreException[] failed = new StoreException[1];
        try {
            return db.query("read list " + list, c -> {
                Optional<ListVersion> v = version(c, list);
                if (v.isEmpty()) {
                    return v;
                }
                try (PreparedStatement ps =
                        c.prepareStatement("SELECT item FROM list_items WHERE list = ? ORDER BY position")) {
                    ps.setString(1, list);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            each.accept(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                        }
                    }
                } catch (StoreException e) {
                    failed[0] = e;
                    throw new SQLException(e.getMessage(), e);
                }
                return v;
            });
        } catch (StoreException e) {
            throw failed[0] != null ? failed[0] : e;
        }
    }

    @Override
    public List<String> search(String list, Optional<String> needle, int limit) throws StoreException {
        return db.query("search list " + list, c -> {
            String like = needle.map(n ->
                            "%" + n.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                    .orElse("%");
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT item FROM list_items WHERE list = ? AND LOWER(search) LIKE LOWER(?) ESCAPE '\\'
                    ORDER BY position LIMIT ?""")) {
                ps.setString(1, list);
                ps.setString(2, like);
                ps.setInt(3, limit);
                return strings(ps);
            }
        });
    }

    @Override
    public void audit(AuditRecord record) throws StoreException {
        db.transact("write audit", c -> {
            AuditWrites.insert(c, record);
            return null;
        });
    }

    private static void write(
            Connection c, String list, List<String> items, List<String> search, long version, Instant at)
            throws SQLException {
        if (items.size() != search.size()) {
            throw new IllegalArgumentException("one search text per item");
        }
        try {
            write(
                    c,
                    list,
                    sink -> {
                        for (int i = 0; i < items.size(); i++) {
                            sink.add(items.get(i), search.get(i));
                        }
                    },
                    version,
                    at);
        } catch (StoreException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
        }
    }

    /** Rows inserted per JDBC batch: bounds what the driver holds, whatever the list's length. */
    static final int INSERT_BATCH = 1_000;

    private static ListVersion write(Connection c, String list, ItemSource items, long version, Instant at)
            throws SQLException, StoreException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM list_items WHERE list = ?")) {
            del.setString(1, list);
            del.executeUpdate();
        }
        long[] count = new long[1];
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO list_items (list, position, item, search) VALUES (?, ?, ?, ?)")) {
            items.writeTo((item, search) -> {
                try {
                    ps.setString(1, list);
                    ps.setLong(2, count[0]++);
                    ps.setString(3, item);
                    ps.setString(4, search);
                    ps.addBatch();
                    if (count[0] % INSERT_BATCH == 0) {
                        ps.executeBatch();
                    }
                } catch (SQLException e) {
                    throw new StoreException("insert list item failed: " + e.getMessage(), e);
                }
            });
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO list_versions (list, version, published_at, items) VALUES (?, ?, ?, ?)
                ON CONFLICT (list) DO UPDATE SET version = excluded.version, published_at = excluded.published_at,
                  items = excluded.items""")) {
            ps.setString(1, list);
            ps.setLong(2, version);
            ps.setString(3, Times.format(at));
            ps.setLong(4, count[0]);
            ps.executeUpdate();
        }
        return new ListVersion(list, version, Times.parse(Times.format(at)), count[0]);
    }

    private static Optional<ListVersion> version(Connection c, String list) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT list, version, published_at, items FROM list_versions WHERE list = ?")) {
            ps.setString(1, list);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(version(rs)) : Optional.empty();
            }
        }
    }

    private static ListVersion version(ResultSet rs) throws SQLException {
        return new ListVersion(rs.getString(1), rs.getLong(2), Times.parse(rs.getString(3)), rs.getLong(4));
    }

    private static List<String> strings(PreparedStatement ps) throws SQLException {
        return Rows.list(ps, rs -> rs.getString(1));
    }
}
