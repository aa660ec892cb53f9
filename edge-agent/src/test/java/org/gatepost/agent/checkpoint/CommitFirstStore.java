package org.gatepost.agent.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;

/**
 * An {@link EntryStore} that passes everything to a real store and notes, at each append, how many pulses the
 * recording outputs had given: a test compares it with the count before the action to see that nothing was
 * signalled before the commit.
 */
final class CommitFirstStore implements EntryStore {
    private final EntryStore store;
    private final GateSignals signals;
    final List<Integer> pulsesAtAppend = new CopyOnWriteArrayList<>();

    CommitFirstStore(EntryStore store, GateSignals signals) {
        this.store = store;
        this.signals = signals;
    }

    int pulses() {
        return RecordingOutput.pulses(signals.green()).size()
                + RecordingOutput.pulses(signals.red()).size()
                + RecordingOutput.pulses(signals.buzzer()).size()
                + RecordingOutput.pulses(signals.relay()).size();
    }

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
        pulsesAtAppend.add(pulses());
        return store.append(draft);
    }

    @Override
    public List<StoredEntry> unacked(long afterSeq, int limit) throws StoreException {
        return store.unacked(afterSeq, limit);
    }

    @Override
    public List<StoredEntry> range(long from, long to, int limit) throws StoreException {
        return store.range(from, to, limit);
    }

    @Override
    public Instant oldestUnackedAt() throws StoreException {
        return store.oldestUnackedAt();
    }

    @Override
    public long sizeBytes() {
        return store.sizeBytes();
    }

    @Override
    public boolean acknowledge(String epoch, long upTo) throws StoreException {
        return store.acknowledge(epoch, upTo);
    }

    @Override
    public long ackedUpTo() {
        return store.ackedUpTo();
    }

    @Override
    public long lastSeq() {
        return store.lastSeq();
    }

    @Override
    public long unackedCount() {
        return store.unackedCount();
    }

    @Override
    public String epoch() {
        return store.epoch();
    }

    @Override
    public void close() {
        store.close();
    }
}
