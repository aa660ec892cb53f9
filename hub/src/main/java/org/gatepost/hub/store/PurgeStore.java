package org.gatepost.hub.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The end of the emergency at the hub (docs/security.md, "End of the emergency (PIPL art. 47)"): the purge of the
 * personal data ({@link PersonalData}) and the gates' confirmations. Thread safe; calls block on the database.
 */
public interface PurgeStore {
    /**
     * Deletes the personal data at the hub in one transaction, records the purge {@code id} with one pending row per
     * gate the hub knows, and writes {@code audit} (whose detail the store fills with the counts). The personal lists
     * get their next version, empty, for the publisher to send. Then frees the deleted pages
     * ({@link #compact}).
     *
     * @return the purge as recorded
     */
    Purge purge(String id, Instant at, String actor, String remote) throws StoreException;

    /**
     * A gate's report that it purged: the first report of a gate for a purge confirms it (a repeated one changes
     * nothing); the gate's entries stored since the hub's purge are scrubbed again (a gate sends its backlog before
     * it purges and reports). Empty when {@code purgeId} is not a purge of this hub.
     *
     * @return the gate's row after the report
     */
    Optional<PurgeGate> confirm(
            String purgeId, String gate, Instant gatePurgedAt, Map<String, Long> deleted, Instant receivedAt)
            throws StoreException;

    /** The latest purge with every gate's row; empty when there was none. */
    Optional<Purge> latest() throws StoreException;

    /**
     * Rewrites the database so deleted rows leave no bytes behind: SQLite {@code VACUUM} and a truncating WAL
     * checkpoint; PostgreSQL {@code VACUUM FULL} of the purged tables. Blocks writes while it runs.
     */
    void compact() throws StoreException;

    /**
     * A purge at the hub.
     *
     * @param deleted what each step removed at the hub, by {@link PersonalData.Step#kind()}
     * @param gates   one row per gate asked to purge, by gate id
     */
    record Purge(String id, Instant requestedAt, String actor, Map<String, Long> deleted, List<PurgeGate> gates) {
        public Purge {
            deleted = Map.copyOf(deleted);
            gates = List.copyOf(gates);
        }
    }

    /**
     * One gate's part of a purge.
     *
     * @param confirmedAt  when the hub received the gate's report; empty while pending
     * @param gatePurgedAt when the gate purged, by its clock
     * @param deleted      what the gate reported it deleted, by kind; empty while pending
     */
    record PurgeGate(
            String gate, Optional<Instant> confirmedAt, Optional<Instant> gatePurgedAt, Map<String, Long> deleted) {
        public PurgeGate {
            deleted = Map.copyOf(deleted);
        }

        public boolean confirmed() {
            return confirmedAt.isPresent();
        }
    }
}
