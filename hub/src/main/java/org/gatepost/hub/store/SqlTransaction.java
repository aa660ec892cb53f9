package org.gatepost.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.contract.StatusMessage;

/** {@link HubTransaction} on a backend's writer connection, inside its lock and transaction. */
final class SqlTransaction implements HubTransaction {
    private final Connection c;
    private final GateLocks locks;
    private boolean ended;

    SqlTransaction(Connection c, GateLocks locks) {
        this.c = c;
        this.locks = locks;
    }

    void end() {
        ended = true;
    }

    private interface Sql<T> {
        T run() throws SQLException;
    }

    private <T> T run(String what, Sql<T> sql) throws StoreException {
        if (ended) {
            throw new IllegalStateException("transaction already ended");
        }
        try {
            return sql.run();
        } catch (SQLException e) {
            throw new StoreException(what + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void lockGates(SortedSet<String> gates) throws StoreException {
        run("lock gates", () -> {
            locks.lock(c, gates);
            return null;
        });
    }

    @Override
    public EntryCommit entry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts) throws StoreException {
        return run("store entry", () -> EntryWrites.commit(c, entry, receivedAt, alerts));
    }

    @Override
    public List<EntryCommit> entries(List<EntryMessage> run, Instant receivedAt, List<List<NewAlert>> alerts)
            throws StoreException {
        return run("store entries", () -> EntryWrites.commitRun(c, run, receivedAt, alerts));
    }

    @Override
    public StatusCommit status(StatusMessage status, Instant receivedAt, StatusPolicy policy) throws StoreException {
        return run("store status", () -> StatusWrites.commit(c, status, receivedAt, policy));
    }

    @Override
    public void deadLetter(DeadLetter letter) throws StoreException {
        run("store dead letter", () -> {
            DeadLetterWrites.insert(c, letter);
            return null;
        });
    }

    @Override
    public PassUse passUse(String passId, String entryId, String gate, Instant at, Instant receivedAt)
            throws StoreException {
        return run("record pass use", () -> SqlPassStore.recordUse(c, passId, entryId, gate, at, receivedAt));
    }

    @Override
    public boolean raise(NewAlert alert, Instant at) throws StoreException {
        return run("raise alert", () -> AlertWrites.raise(c, alert, at));
    }

    @Override
    public Optional<GateHealth> health(String gate) throws StoreException {
        return run("read heartbeat", () -> HealthWrites.one(c, gate));
    }

    @Override
    public void storeHealth(HeartbeatMessage heartbeat, Instant receivedAt) throws StoreException {
        run("store heartbeat", () -> {
            HealthWrites.store(c, heartbeat, receivedAt);
            return null;
        });
    }

    @Override
    public Set<String> openConditions(String gate) throws StoreException {
        return run("read conditions", () -> ConditionWrites.open(c, gate));
    }

    @Override
    public Map<String, Set<String>> openConditions() throws StoreException {
        return run("read conditions", () -> ConditionWrites.all(c));
    }

    @Override
    public boolean openCondition(String gate, String condition, ConditionAlert alert, Instant at)
            throws StoreException {
        return run("open condition", () -> ConditionWrites.open(c, gate, condition, alert, at));
    }

    @Override
    public boolean closeCondition(String gate, String condition, Instant at) throws StoreException {
        return run("close condition", () -> ConditionWrites.close(c, gate, condition, at));
    }

    @Override
    public List<EpochGap> gaps() throws StoreException {
        return run("read gaps", () -> WatchQueries.gaps(c));
    }

    @Override
    public Optional<EpochGap> gap(String gate, String epoch) throws StoreException {
        return run("read gap", () -> WatchQueries.gap(c, gate, epoch));
    }

    @Override
    public List<Hole> holes(String gate, String epoch, long upTo, int limit) throws StoreException {
        return run("read holes", () -> WatchQueries.holes(c, gate, epoch, upTo, limit));
    }

    @Override
    public List<HeartbeatDue> heartbeatsOfOnlineGates() throws StoreException {
        return run("read heartbeats", () -> WatchQueries.heartbeatsOfOnlineGates(c));
    }

    @Override
    public int purgeEntriesReceivedBefore(Instant cutoff, int limit) throws StoreException {
        return run("purge entries", () -> WatchQueries.purgeEntries(c, cutoff, limit));
    }
}
