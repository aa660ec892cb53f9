package org.gatepost.agent.testing;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;

/** An {@link EntryStore} that passes every call to {@code real}; a test double overrides the calls it watches. */
public abstract class ForwardingEntryStore implements EntryStore {
    protected final EntryStore real;

    protected ForwardingEntryStore(EntryStore real) {
        this.real = Objects.requireNonNull(real, "real");
    }

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
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
