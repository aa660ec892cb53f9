package org.gatepost.agent.checkpoint;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.gatepost.agent.entry.Entry;

/**
 * The last entries committed at this gate, newest last, and which of them a volunteer already resolved (a visitor
 * registered, an override given, a mask confirmed). In memory: a restart starts empty. Not thread safe: used
 * under the checkpoint's lock.
 */
final class RecentEntries {
    private final int capacity;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private final Set<Long> resolved = new HashSet<>();

    RecentEntries(int capacity) {
        this.capacity = capacity;
    }

    void add(Entry e) {
        entries.addLast(e);
        while (entries.size() > capacity) {
            resolved.remove(entries.removeFirst().seq());
        }
    }

    /** The entry {@code seq}, or null when it is not among the recent ones. */
    Entry find(long seq) {
        for (Entry e : entries) {
            if (e.seq() == seq) {
                return e;
            }
        }
        return null;
    }

    boolean resolved(long seq) {
        return resolved.contains(seq);
    }

    void resolve(long seq) {
        resolved.add(seq);
    }

    /** The newest unresolved entry made at or after {@code since} that matches, or null. */
    Entry latestUnresolved(Predicate<Entry> match, Instant since) {
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.draft().at().isBefore(since)) {
                return null;
            }
            if (!resolved.contains(e.seq()) && match.test(e)) {
                return e;
            }
        }
        return null;
    }

    List<Entry> newest(int limit) {
        List<Entry> out = new ArrayList<>();
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext() && out.size() < limit) {
            out.add(it.next());
        }
        return out;
    }
}
