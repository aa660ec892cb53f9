package org.gatepost.agent.checkpoint;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.testing.ForwardingEntryStore;
import org.gatepost.agent.testing.RecordingOutput;

/**
 * An {@link EntryStore} that passes everything to a real store and notes, at each append, how many pulses the
 * recording outputs had given: a test compares it with the count before the action to see that nothing was
 * signalled before the commit.
 */
final class CommitFirstStore extends ForwardingEntryStore {
    private final GateSignals signals;
    final List<Integer> pulsesAtAppend = new CopyOnWriteArrayList<>();

    CommitFirstStore(EntryStore store, GateSignals signals) {
        super(store);
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
        return real.append(draft);
    }
}
