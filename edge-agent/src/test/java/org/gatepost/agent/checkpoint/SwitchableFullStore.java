package org.gatepost.agent.checkpoint;

import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.testing.ForwardingEntryStore;

/**
 * A real store behind a switch: while {@link #full} is set, appends fail as SQLite's do on a full disk
 * (nothing stored, no seq used up); everything else passes through.
 */
final class SwitchableFullStore extends ForwardingEntryStore {
    volatile boolean full;

    SwitchableFullStore(EntryStore real) {
        super(real);
    }

    @Override
    public Entry append(EntryDraft draft) throws StoreException {
        if (full) {
            throw new StoreException("append failed, seq " + (real.lastSeq() + 1)
                    + " not used: [SQLITE_FULL] Insertion failed because database is full (database or disk is full)");
        }
        return real.append(draft);
    }
}
