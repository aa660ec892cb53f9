package org.gatepost.agent.checkpoint;

import java.time.Instant;
import java.util.List;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;

/**
 * A real store behind a switch: while {@link #full} is set, appends fail as SQLite's do on a full disk
 * (nothing stored, no seq used up); everything else passes through.
 */
final class SwitchableFullStore implements EntryStore {
    private final EntryStore real;
    volatile boolean full;

    SwitchableFullStore(EntryStore real) {
        this.real = real;
    }

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
        if (full) {
            throw new StoreException("append failed, seq " + (real.lastSeq() + 1)
                    + " not used: [SQLITE_FULL] Insertion failed because database is full (database or disk is full)");
        }
        return real.append(draft);
    }

    @Override
    public List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        return real.unacked(afterSeq, limit);
    }

    @Override
    public List<StoredEntry> range(long from, long to, int limit) throws StoreException {
        return real.range(from, to, limit);
    }

    @Override
    public Instant oldestUnackedAt() throws StoreException {
        return real.oldestUnackedAt();
    }

    @Override
    public long sizeBytes() {
        return real.sizeBytes();
    }

    @Override
    public boolean acknowledge(String epoch, long upTo) throws StoreException {
        return real.acknowledge(epoch, upTo);
    }

    @Override
    public long ackedUpTo() {
        return real.ackedUpTo();
    }

    @Override
    public long lastSeq() {
        return real.lastSeq();
    }

    @Override
    public long unackedCount() {
        return real.unackedCount();
    }

    @Override
    public String epoch() {
        return real.epoch();
    }

    @Override
    public void close() {
        real.close();
    }
}
