package org.gatepost.hub.testing;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.DeadLetter;
import org.gatepost.hub.store.DeadLetterView;
import org.gatepost.hub.store.DiskFull;
import org.gatepost.hub.store.EntryCommit;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.GateView;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.RetestEntry;
import org.gatepost.hub.store.StatusCommit;
import org.gatepost.hub.store.StatusPolicy;
import org.gatepost.hub.store.StoreCounts;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.TransactionWork;

/**
 * A real store with faults the test switches on: writes that fail while {@link #failNextWrites} is above zero (as
 * a full disk would), reported as a full disk when {@link #failuresAreDiskFull} is set; or a disk reported full
 * while {@link #reportFull} is set, writes still going through. It counts its transactions. Everything else is the
 * real store's. Safe for a test thread and the worker's thread at once.
 */
public final class FaultInjectingStore implements HubStore {
    /** How many of the next writes fail (each failure counts one down). */
    public final AtomicInteger failNextWrites = new AtomicInteger();
    /** Transactions begun (failed ones not counted). */
    public final AtomicInteger transactions = new AtomicInteger();
    /** When set, the failures are a full disk: {@link #diskFull()} says so while writes still fail. */
    public volatile boolean failuresAreDiskFull;
    /** When not null, {@link #diskFull()} reports it and {@link #acceptsWrites()} is false; writes still succeed. */
    public volatile DiskFull reportFull;

    private final HubStore real;

    public FaultInjectingStore(HubStore real) {
        this.real = real;
    }

    private void maybeFail() throws StoreException {
        if (failNextWrites.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new StoreException("disk I/O error (simulated)");
        }
    }

    @Override
    public EntryCommit commitEntry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts)
            throws StoreException {
        maybeFail();
        return real.commitEntry(entry, receivedAt, alerts);
    }

    @Override
    public StatusCommit commitStatus(StatusMessage status, Instant receivedAt, StatusPolicy policy)
            throws StoreException {
        maybeFail();
        return real.commitStatus(status, receivedAt, policy);
    }

    @Override
    public void recordDeadLetter(DeadLetter letter) throws StoreException {
        maybeFail();
        real.recordDeadLetter(letter);
    }

    @Override
    public List<GateView> gates(Instant countSince) throws StoreException {
        return real.gates(countSince);
    }

    @Override
    public List<EntryView> recentEntries(Optional<String> gate, int limit) throws StoreException {
        return real.recentEntries(gate, limit);
    }

    @Override
    public List<AlertView> recentAlerts(Optional<String> gate, int limit) throws StoreException {
        return real.recentAlerts(gate, limit);
    }

    @Override
    public long ackedUpTo(String gate, String epoch) throws StoreException {
        return real.ackedUpTo(gate, epoch);
    }

    @Override
    public StoreCounts counts() throws StoreException {
        return real.counts();
    }

    @Override
    public <T> T transaction(TransactionWork<T> work) throws StoreException {
        maybeFail();
        transactions.incrementAndGet();
        return real.transaction(work);
    }

    @Override
    public List<GateHealth> gateHealth() throws StoreException {
        return real.gateHealth();
    }

    @Override
    public List<DeadLetterView> deadLetters(int limit) throws StoreException {
        return real.deadLetters(limit);
    }

    @Override
    public List<RetestEntry> openRetests(Instant since) throws StoreException {
        return real.openRetests(since);
    }

    @Override
    public boolean acceptsWrites() {
        return reportFull == null && real.acceptsWrites();
    }

    @Override
    public void close() {
        real.close();
    }

    @Override
    public Optional<DiskFull> diskFull() {
        if (reportFull != null) {
            return Optional.of(reportFull);
        }
        return failuresAreDiskFull && failNextWrites.get() > 0
                ? Optional.of(new DiskFull(Instant.EPOCH, 1, "[SQLITE_FULL] (simulated)"))
                : Optional.empty();
    }
}
