package org.gatepost.agent.uplink;

import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Drains the outbox in seq order through an {@link EntrySender} with at most {@code window} entries in
 * flight, applies the hub's acks to the store, and republishes from the last ack when the hub stays quiet
 * for {@code resendAfter}.
 *
 * <p>Threading: {@link #restart}, {@link #tick} and {@link #millisUntilDue} belong to the one pump thread.
 * {@link #offerAck} and the delivery callbacks may run on any thread; they only queue work and call
 * {@code wakeup} so the pump thread comes round to it.
 */
final class OutboxPump {
    private static final Logger log = LoggerFactory.getLogger(OutboxPump.class);
    private static final long NO_REWIND = Long.MAX_VALUE;

    private final EntryStore store;
    private final EntrySender sender;
    private final String gateId;
    private final int window;
    private final Duration resendAfter;
    private final Runnable wakeup;
    private final Semaphore permits;
    private final ConcurrentLinkedQueue<AckMessage> acks = new ConcurrentLinkedQueue<>();
    private final AtomicLong rewindTo = new AtomicLong(NO_REWIND);
    private final AtomicLong published = new AtomicLong();
    private volatile Instant lastAckAt;
    /** Highest seq handed to the sender since the last restart or rewind. Pump thread only. */
    private long cursor;
    /** Start of the current wait for ack progress. Pump thread only. */
    private Instant progressAt = Instant.EPOCH;

    OutboxPump(EntryStore store, EntrySender sender, String gateId, int window, Duration resendAfter, Runnable wakeup) {
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.gateId = Objects.requireNonNull(gateId, "gateId");
        this.resendAfter = Objects.requireNonNull(resendAfter, "resendAfter");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        if (window < 1) throw new IllegalArgumentException("window must be at least 1: " + window);
        this.window = window;
        this.permits = new Semaphore(window);
    }

    /** After every (re)connect: everything above the last ack is published again, in seq order. */
    void restart(Instant now) {
        rewindTo.set(NO_REWIND);
        cursor = store.ackedUpTo();
        progressAt = now;
    }

    /** Queues an ack for the pump thread. Any thread; never blocks. */
    void offerAck(AckMessage ack) {
        acks.add(ack);
        wakeup.run();
    }

    /** One round of work on the pump thread: acks, the resend check, then publishing while the window has room. */
    void tick(Instant now) throws StoreException {
        applyAcks(now);
        applyRewindRequest();
        resendIfHubQuiet(now);
        fill(now);
    }

    /** Milliseconds until {@link #tick} has timed work to do (the resend check); {@link Long#MAX_VALUE} if none. */
    long millisUntilDue(Instant now) {
        if (cursor <= store.ackedUpTo()) return Long.MAX_VALUE;
        return Math.max(0, resendAfter.minus(Duration.between(progressAt, now)).toMillis());
    }

    int inFlight() {
        return window - permits.availablePermits();
    }

    long published() {
        return published.get();
    }

    Instant lastAckAt() {
        return lastAckAt;
    }

    private void applyAcks(Instant now) throws StoreException {
        AckMessage ack;
        while ((ack = acks.peek()) != null) {
            apply(ack, now);
            acks.poll();
        }
    }

    private void apply(AckMessage ack, Instant now) throws StoreException {
        long acked = store.ackedUpTo();
        if (!ack.epoch().equals(store.epoch())) {
            log.warn("event=uplink-ack-ignored gate={} reason=other-epoch epoch={} upTo={} ourEpoch={}",
                    gateId, ack.epoch(), ack.upTo(), store.epoch());
        } else if (ack.upTo() < acked) {
            log.warn("event=uplink-ack-ignored gate={} reason=backwards upTo={} ackedUpTo={}", gateId, ack.upTo(), acked);
        } else if (ack.upTo() > store.lastSeq()) {
            log.error("event=uplink-ack-ignored gate={} reason=beyond-last-seq upTo={} lastSeq={} epoch={}"
                            + " hint=\"the hub holds entries this store never made; was the database restored from a copy?\"",
                    gateId, ack.upTo(), store.lastSeq(), ack.epoch());
        } else if (store.acknowledge(ack.epoch(), ack.upTo())) {
            lastAckAt = now;
            progressAt = now;
            cursor = Math.max(cursor, ack.upTo());
            log.debug("event=uplink-ack gate={} upTo={} backlog={}", gateId, ack.upTo(), store.unackedCount());
        }
    }

    private void applyRewindRequest() {
        long to = rewindTo.getAndSet(NO_REWIND);
        if (to < cursor) cursor = Math.max(to, store.ackedUpTo());
    }

    private void resendIfHubQuiet(Instant now) {
        long acked = store.ackedUpTo();
        if (cursor > acked && Duration.between(progressAt, now).compareTo(resendAfter) >= 0) {
            log.warn("event=uplink-resend gate={} reason=no-ack-progress fromSeq={} toSeq={} quietMs={}",
                    gateId, acked + 1, cursor, Duration.between(progressAt, now).toMillis());
            cursor = acked;
            progressAt = now;
        }
    }

    private void fill(Instant now) throws StoreException {
        while (true) {
            int room = permits.availablePermits();
            if (room == 0) return;
            List<StoredEntry> batch = store.unacked(cursor, room);
            if (batch.isEmpty()) return;
            for (StoredEntry entry : batch) {
                if (!permits.tryAcquire()) return;
                Slot slot = new Slot(entry.seq());
                EntrySender.Outcome outcome = sender.send(entry, slot);
                if (outcome != EntrySender.Outcome.SENT) {
                    slot.abandon();
                    log.debug("event=uplink-publish-deferred gate={} seq={} outcome={}", gateId, entry.seq(), outcome);
                    return;
                }
                if (cursor <= store.ackedUpTo()) progressAt = now;
                cursor = entry.seq();
            }
        }
    }

    /** One window place, given back exactly once however often and however Paho reports the outcome. */
    private final class Slot implements EntrySender.Delivery {
        private final long seq;
        private final AtomicBoolean done = new AtomicBoolean();

        Slot(long seq) {
            this.seq = seq;
        }

        @Override
        public void delivered() {
            if (!done.compareAndSet(false, true)) return;
            permits.release();
            published.incrementAndGet();
            wakeup.run();
        }

        @Override
        public void failed(Throwable cause) {
            if (!done.compareAndSet(false, true)) return;
            permits.release();
            rewindTo.accumulateAndGet(seq - 1, Math::min);
            log.debug("event=uplink-publish-failed gate={} seq={} cause=\"{}\"", gateId, seq, String.valueOf(cause));
            wakeup.run();
        }

        void abandon() {
            if (done.compareAndSet(false, true)) permits.release();
        }
    }
}
