package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SortedSet;

/**
 * How a backend serialises writers of the same gate across hub instances ({@link HubTransaction#lockGates}).
 * Runs on the transaction's connection, inside its transaction.
 */
@FunctionalInterface
interface GateLocks {
    void lock(Connection c, SortedSet<String> gates) throws SQLException;

    /** SQLite: one writer per file already (the store's lock and SQLite's own), so nothing to take. */
    GateLocks NONE = (c, gates) -> {};

    /**
     * PostgreSQL: one transaction-scoped advisory lock per gate, {@code pg_advisory_xact_lock(NAMESPACE,
     * hashtext(gate))}, taken one by one in the set's (sorted) order, so two transactions never wait on each other
     * in a cycle. One round trip for all of them: the subquery sorts by the array's order and PostgreSQL evaluates
     * a volatile function of the select list after the sort. Released by the commit or rollback. Two gates whose
     * names hash alike share a lock: harmless (they are serialised needlessly, never wrongly).
     */
    GateLocks ADVISORY = (c, gates) -> {
        if (gates.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT count(*) FROM (
                  SELECT pg_advisory_xact_lock(?, hashtext(g)) FROM unnest(?::text[]) WITH ORDINALITY AS t(g, i)
                  ORDER BY i) locked""")) {
            ps.setInt(1, GateLocks.NAMESPACE);
            ps.setArray(2, c.createArrayOf("text", gates.toArray()));
            ps.executeQuery().close();
        }
    };

    /**
     * The first key of the gates' advisory locks (the two-key form: namespace, then the gate's hash), so they do not
     * collide with other advisory locks on the same database. "GATE" in ASCII.
     */
    int NAMESPACE = 0x47415445;
}
