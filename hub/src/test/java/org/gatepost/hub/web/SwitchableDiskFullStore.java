package org.gatepost.hub.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

/** A real store that reports its disk full while {@link #full} is set; everything else is the real store's. */
final class SwitchableDiskFullStore implements HubStore {
    volatile DiskFull full;
    private final HubStore real;

    SwitchableDiskFullStore(HubStore real) {
        this.real = real;
    }

    @Override
    public boolean acceptsWrites() {
        return full == null && real.acceptsWrites();
    }

    @Override
    public Optional<DiskFull> diskFull() {
        return Optional.ofNullable(full);
    }

    @Override
    public EntryCommit commitEntry(EntryMessage entry, Instant receivedAt, List<NewAlert> alerts)
            throws StoreException {
        return real.commitEntry(entry, receivedAt, alerts);
    }

    @Override
    public StatusCommit commitStatus(StatusMessage status, Instant receivedAt, StatusPolicy policy)
            throws StoreException {
        return real.commitStatus(status, receivedAt, policy);
    }

    @Override
    public void recordDeadLetter(DeadLetter letter) throws StoreException {
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
    public void close() {
        real.close();
    }
}
