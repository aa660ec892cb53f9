package org.gatepost.agent.store;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The end-of-emergency purges of {@link SqliteEntryStore} (docs/security.md, "End of the emergency"), on the tables of
 * {@link PurgeTables}, and the rewrite of the whole file that leaves no deleted bytes behind. Every operation holds
 * the store's lock ({@link StoreConnection}).
 */
final class SqlitePurges {
    private final StoreConnection db;
    private final SqliteOutbox outbox;

    SqlitePurges(StoreConnection db, SqliteOutbox outbox) {
        this.db = db;
        this.outbox = outbox;
    }

    /** {@link SqliteEntryStore#purgeReceived}. */
    Optional<String> received(String id, Instant at) throws StoreException {
        return db.execute(
                "recording purge " + id,
                conn -> PurgeTables.received(conn, id, at) ? Optional.empty() : PurgeTables.report(conn, id));
    }

    /** {@link SqliteEntryStore#pendingPurges}. */
    List<String> pending() throws StoreException {
        return db.execute("reading pending purges", PurgeTables::pending);
    }

    /** {@link SqliteEntryStore#purgePersonalData}. */
    Optional<String> purgePersonalData(
            String id, Instant now, Map<String, Long> counts, Function<Map<String, Long>, String> report)
            throws StoreException {
        return db.locked(() -> {
            if (outbox.unackedCount() > 0) {
                return Optional.empty();
            }
            outbox.persistAcks();
            String text;
            try {
                text = db.transaction(
                        conn -> {
                            counts.putAll(PurgeTables.delete(conn, outbox.ackedUpTo()));
                            String t = report.apply(counts);
                            PurgeTables.done(conn, id, now, t);
                            return t;
                        },
                        outbox::reloadCountersQuietly);
            } catch (SQLException | RuntimeException e) {
                throw new StoreException("purge " + id + " failed: " + e.getMessage(), e);
            }
            compact();
            return Optional.of(text);
        });
    }

    /** {@link SqliteEntryStore#compact}. */
    void compact() throws StoreException {
        db.execute("compacting " + db.file(), conn -> {
            try (Statement st = conn.createStatement()) {
                st.execute("PRAGMA secure_delete=ON");
                st.execute("VACUUM");
                return st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
        });
    }
}
