package org.gatepost.hub.ingest;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ingest thread's inbox in two lanes: <b>live</b> (single entries, the agents' alert lane, status,
 * heartbeats) and <b>bulk</b> (the gates' backlog batches), so a fever at one gate does not wait behind another
 * gate's backlog (docs/performance.md, "Priority lane").
 *
 * <p>{@link #take} hands out one lane's messages at a time, live first; but when it handed out live messages while
 * bulk ones waited, the next take serves bulk first, so a batch waits behind at most one live group and a live
 * message behind at most one bulk group. Unbounded; adding never blocks (Paho's callback threads add), but it
 * decodes the message first on the adding thread ({@link Decoded}), so parsing runs beside the ingest thread's
 * writes instead of before them. Thread safe; {@link #take} is meant for the one ingest thread.
 */
public final class IngestLanes {
    /** Which lane a group came from: it is acknowledged on that lane's MQTT session. */
    public enum Lane {
        LIVE,
        BULK
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final ArrayDeque<InboundMessage> live = new ArrayDeque<>();
    private final ArrayDeque<InboundMessage> bulk = new ArrayDeque<>();
    private boolean bulkOwed;

    public void addLive(InboundMessage m) {
        add(live, m);
    }

    public void addBulk(InboundMessage m) {
        add(bulk, m);
    }

    /** Decodes {@code m} on the calling thread (outside the lock), then queues it. */
    private void add(ArrayDeque<InboundMessage> lane, InboundMessage m) {
        InboundMessage decoded = m.decode();
        lock.lock();
        try {
            lane.add(decoded);
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Moves up to {@code maxLive} live or up to {@code maxBulk} bulk messages into {@code into}, waiting up to
     * {@code timeout} for one to arrive.
     *
     * @return the lane they came from, or {@code null} when none arrived in time
     */
    Lane take(List<InboundMessage> into, int maxLive, int maxBulk, long timeout, TimeUnit unit)
            throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (live.isEmpty() && bulk.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            if (!bulk.isEmpty() && (bulkOwed || live.isEmpty())) {
                bulkOwed = false;
                move(bulk, into, maxBulk);
                return Lane.BULK;
            }
            bulkOwed = !bulk.isEmpty();
            move(live, into, maxLive);
            return Lane.LIVE;
        } finally {
            lock.unlock();
        }
    }

    private static void move(ArrayDeque<InboundMessage> from, List<InboundMessage> into, int max) {
        for (int i = 0; i < max && !from.isEmpty(); i++) {
            into.add(from.poll());
        }
    }

    /** Messages waiting in both lanes. */
    public int size() {
        lock.lock();
        try {
            return live.size() + bulk.size();
        } finally {
            lock.unlock();
        }
    }
}
