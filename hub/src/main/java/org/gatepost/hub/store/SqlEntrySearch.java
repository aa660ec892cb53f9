package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link EntrySearch} on the {@link Database}'s read connections. Portable SQL. Thread safe. */
public final class SqlEntrySearch implements EntrySearch {
    private static final String COLUMNS = ViewRows.ENTRY_COLUMNS;

    private final Database db;

    SqlEntrySearch(Database db) {
        this.db = db;
    }

    @Override
    public List<EntryView> entries(EntryQuery query, int limit) throws StoreException {
        return db.query("search entries", c -> {
            Where w = query.where();
            return list(
                    c,
                    "SELECT " + COLUMNS + " FROM entries " + w.sql() + " ORDER BY received_at DESC, seq DESC LIMIT ?",
                    w,
                    limit);
        });
    }

    @Override
    public List<EntryView> entriesAfter(EntryQuery query, Optional<EntryKey> after, int pageSize)
            throws StoreException {
        return db.query("export entries", c -> {
            Where w = query.where();
            after.ifPresent(k -> w.add(
                    "(received_at, gate, epoch, seq) > (?, ?, ?, ?)",
                    Times.format(k.receivedAt()),
                    k.gate(),
                    k.epoch(),
                    k.seq()));
            return list(
                    c,
                    "SELECT " + COLUMNS + " FROM entries " + w.sql()
                            + " ORDER BY received_at, gate, epoch, seq LIMIT ?",
                    w,
                    pageSize);
        });
    }

    @Override
    public long count(EntryQuery query) throws StoreException {
        return db.query("count entries", c -> {
            Where w = query.where();
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM entries " + w.sql())) {
                w.bind(ps);
                return Rows.number(ps);
            }
        });
    }

    @Override
    public Optional<EntryView> entry(String gate, String epoch, long seq) throws StoreException {
        return db.query("read entry", c -> {
            Where w = new Where().add("gate = ?", gate).add("epoch = ?", epoch).add("seq = ?", seq);
            return list(c, "SELECT " + COLUMNS + " FROM entries " + w.sql() + " LIMIT ?", w, 1).stream()
                    .findFirst();
        });
    }

    @Override
    public List<DecisionCount> decisionCounts(Instant from, Instant to, Optional<String> gate) throws StoreException {
        return db.query("count entries", c -> {
            Where w = new Where()
                    .atOrAfter("received_at", Optional.of(from))
                    .before("received_at", Optional.of(to))
                    .eq("gate", gate);
            return Rows.list(
                    c,
                    "SELECT gate, decision, COUNT(*) FROM entries " + w.sql() + " GROUP BY gate, decision",
                    w,
                    rs -> new DecisionCount(rs.getString(1), rs.getString(2), rs.getLong(3)));
        });
    }

    @Override
    public List<EntryTally> entryTallies(Instant from, Instant to) throws StoreException {
        return db.query("tally entries", c -> {
            Where w = new Where().atOrAfter("received_at", Optional.of(from)).before("received_at", Optional.of(to));
            return Rows.list(
                    c,
                    "SELECT gate, decision, direction, admitted, COUNT(*)" + " FROM entries " + w.sql()
                            + " GROUP BY gate, decision, direction, admitted",
                    w,
                    rs -> new EntryTally(
                            rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4) != 0, rs.getLong(5)));
        });
    }

    private static List<EntryView> list(Connection c, String sql, Where w, int limit) throws SQLException {
        return Rows.page(c, sql, w, limit, ViewRows::entry);
    }
}
