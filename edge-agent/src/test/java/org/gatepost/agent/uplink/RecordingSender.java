package org.gatepost.agent.uplink;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.gatepost.agent.store.StoredEntry;

/** An {@link EntrySender} that records what it was given and lets the test decide each outcome. */
final class RecordingSender implements EntrySender {
    /** One message as sent: a single entry ({@code batch == false}) or a batch. */
    record Message(boolean batch, List<Long> seqs, Delivery delivery) {
        long first() {
            return seqs.getFirst();
        }
    }

    /** Every seq sent, in order, batches flattened. */
    final List<Long> sent = new ArrayList<>();
    /** Every message sent, in order. */
    final List<Message> messages = new ArrayList<>();
    /** Messages whose outcome the test has not decided yet, in order. */
    final List<Message> pending = new ArrayList<>();
    /** First seqs of messages to refuse once with {@link Outcome#BUSY}. */
    final Set<Long> busyOnce = new HashSet<>();

    boolean connected = true;

    @Override
    public Outcome send(StoredEntry entry, Delivery delivery) {
        return record(false, List.of(entry), delivery);
    }

    @Override
    public Outcome sendBatch(List<StoredEntry> entries, Delivery delivery) {
        if (entries.size() < 2) {
            throw new AssertionError("a batch of " + entries.size());
        }
        for (int i = 1; i < entries.size(); i++) {
            if (entries.get(i).seq() != entries.get(i - 1).seq() + 1) {
                throw new AssertionError("not consecutive");
            }
        }
        return record(true, entries, delivery);
    }

    private Outcome record(boolean batch, List<StoredEntry> entries, Delivery delivery) {
        if (!connected) {
            return Outcome.NOT_CONNECTED;
        }
        if (busyOnce.remove(entries.getFirst().seq())) {
            return Outcome.BUSY;
        }
        Message m = new Message(batch, entries.stream().map(StoredEntry::seq).toList(), delivery);
        sent.addAll(m.seqs());
        messages.add(m);
        pending.add(m);
        return Outcome.SENT;
    }

    /** The broker acknowledges every outstanding publish. */
    void deliverAll() {
        List<Message> all = new ArrayList<>(pending);
        pending.clear();
        all.forEach(m -> m.delivery().delivered());
    }

    /** The broker acknowledges the oldest outstanding message that starts at {@code firstSeq}. */
    void deliver(long firstSeq) {
        take(firstSeq).delivered();
    }

    void fail(long firstSeq) {
        take(firstSeq).failed(new RuntimeException("connection lost"));
    }

    /** Removes the oldest outstanding message that starts at {@code firstSeq} and returns its delivery. */
    EntrySender.Delivery take(long firstSeq) {
        for (Iterator<Message> it = pending.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (m.first() == firstSeq) {
                it.remove();
                return m.delivery();
            }
        }
        throw new AssertionError("no outstanding message starting at " + firstSeq + "; pending " + pending);
    }

    List<Long> takeSent() {
        List<Long> copy = List.copyOf(sent);
        sent.clear();
        return copy;
    }

    List<Message> takeMessages() {
        List<Message> copy = List.copyOf(messages);
        messages.clear();
        return copy;
    }
}
