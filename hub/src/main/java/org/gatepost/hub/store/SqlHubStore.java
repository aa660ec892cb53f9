package org.gatepost.hub.store;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;

/**
 * What both backends share: every {@link HubStore} call is one of the package's portable statement classes run
 * through the backend's {@link #transact} (writes) or {@link #query} (reads). A backend supplies those two, how it
 * serialises writers of one gate ({@link GateLocks}), and its own lifecycle.
 */
abstract sealed class SqlHubStore implements HubStore, Database permits SqliteHubStore, PostgresHubStore {
    private final GateLocks gateLocks;

    SqlHubStore(GateLocks gateLocks) {
        this.gateLocks = gateLocks;
    }

    @Override
    public EntryCommit commitEntry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts)
            throws StoreException {
        return transact("store entry", c -> {
            gateLocks.lock(c, new TreeSet<>(List.of(entry.gate())));
            return EntryWrites.commit(c, entry, receivedAt, alerts);
        });
    }

    @Override
    public StatusCommit commitStatus(StatusMessage status, Instant receivedAt, StatusPolicy policy)
            throws StoreException {
        return transact("store status", c -> {
            gateLocks.lock(c, new TreeSet<>(List.of(status.gate())));
            return StatusWrites.commit(c, status, receivedAt, policy);
        });
    }

    @Override
    public void recordDeadLetter(DeadLetter letter) throws StoreException {
        transact("store dead letter", c -> {
            DeadLetterWrites.insert(c, letter);
            return null;
        });
    }

    @Override
    public List<GateView> gates(Instant countSince) throws StoreException {
        return query("read gates", c -> Queries.gates(c, countSince));
    }

    @Override
    public List<EntryView> recentEntries(Optional<String> gate, int limit) throws StoreException {
        return query("read entries", c -> Queries.entries(c, gate, limit));
    }

    @Override
    public List<AlertView> recentAlerts(Optional<String> gate, int limit) throws StoreException {
        return query("read alerts", c -> Queries.alerts(c, gate, limit));
    }

    @Override
    public long ackedUpTo(String gate, String epoch) throws StoreException {
        return query("read progress", c -> EntryWrites.progress(c, gate, epoch));
    }

    @Override
    public StoreCounts counts() throws StoreException {
        return query("read counts", Queries::counts);
    }

    /** One {@link #transact}; a {@link StoreException} thrown by {@code work} reaches the caller as it was. */
    @Override
    public <T> T transaction(TransactionWork<T> work) throws StoreException {
        StoreException[] failed = new StoreException[1];
        try {
            return transact("transaction", c -> {
                failed[0] = null;
                try (StatementCache statements = new StatementCache(c)) {
                    SqlTransaction tx = new SqlTransaction(statements.connection(), gateLocks);
                    try {
                        return work.run(tx);
                    } catch (StoreException e) {
                        failed[0] = e;
                        throw new SQLException(e.getMessage(), e);
                    } finally {
                        tx.end();
                    }
                }
            });
        } catch (StoreException e) {
            throw failed[0] != null ? failed[0] : e;
        }
    }

    @Override
    public Map<String, Long> openAlertsByKind() throws StoreException {
        return query("read open alerts", Queries::openAlertsByKind);
    }

    @Override
    public List<GateHealth> gateHealth() throws StoreException {
        return query("read heartbeats", HealthWrites::all);
    }

    @Override
    public List<DeadLetterView> deadLetters(int limit) throws StoreException {
        return query("read dead letters", c -> WatchQueries.deadLetters(c, limit));
    }

    @Override
    public List<RetestEntry> openRetests(Instant since) throws StoreException {
        return query("read open retests", c -> RetestQueries.open(c, since));
    }
}
