package org.gatepost.agent.uplink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.contract.AckMessage;
import org.gatepost.agent.contract.ResendCommand;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the outbox in seq order through an {@link EntrySender}, applies the hub's acks to the store, and
 * republishes from the last ack when the hub stays quiet for {@code resendAfter}.
 *
 * <p><b>Windows.</b> At most {@code window} messages are unacknowledged by the broker (PUBACK) at a time, and
 * at most {@link #maxAhead()} entries are sent beyond the hub's last ack, so a slow or absent hub holds the
 * backlog here rather than in the broker's queue. <b>Batching.</b> When more than one entry waits, up to
 * {@code batchSize} consecutive entries go out as one {@code batch} message; a lone entry goes on
 * {@code entries}. After a resend for lack of ack progress the resent range goes out as single entries, so
 * one entry the hub rejects cannot hold back the good ones of its batch. <b>Alert lane.</b> A
 * {@code deny-fever} entry committed behind a backlog is published at once on {@code entries} (it is sent
 * again later in its place). <b>Resend requests</b> from the hub are served first, acknowledged rows included.
 *
 * <p>Threading: {@link #restart}, {@link #tick}, {@link #millisUntilDue} and {@link #idle} belong to the one
 * pump thread. {@link #offerAck}, {@link #offerResend} and the delivery callbacks may run on any thread; they
 * only queue work and call {@code wakeup} so the pump thread comes round to it.
 */
final class OutboxPump {
    private static final Logger log = LoggerFactory.getLogger(OutboxPump.class);
    private static final long NO_REWIND = Long.MAX_VALUE;
    /** Entries that may be sent beyond the hub's ack at least, whatever the window and batch size. */
    static final long MIN_AHEAD = 500;
    /** Alert-lane messages in flight besides the window. */
    static final int ALERT_WINDOW = 2;

    private static final int ALERT_SCAN_LIMIT = 1_000;
    private static final int MAX_RESEND_RANGES = 16;

    private final EntryStore store;
    private final EntrySender sender;
    private final String gateId;
    private final int window;
    private final int batchSize;
    private final long maxAhead;
    private final Duration resendAfter;
    private final Runnable wakeup;
    private final Semaphore permits;
    private final Semaphore alertPermits = new Semaphore(ALERT_WINDOW);
    private final ConcurrentLinkedQueue<AckMessage> acks = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<ResendCommand> commands = new ConcurrentLinkedQueue<>();
    private final AtomicLong rewindTo = new AtomicLong(NO_REWIND);
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong acksBeyondLastSeq = new AtomicLong();
    private volatile Instant lastAckAt;
    /** Highest seq handed to the sender in order since the last restart or rewind. Pump thread only. */
    private long cursor;
    /** Start of the current wait for ack progress. Pump thread only. */
    private Instant progressAt = Instant.EPOCH;
    /** Resends in a row without ack progress; each doubles the wait, so a long hub outage is not a flood. */
    private int quietResends;

    static final int MAX_RESEND_DOUBLINGS = 4;
    /** Entries up to here go out one by one (after a resend for lack of progress). Pump thread only. */
    private long singlesThrough;
    /** Highest seq looked at for the alert lane. Pump thread only. */
    private long alertSeen;

    private final ArrayDeque<StoredEntry> alerts = new ArrayDeque<>();
    private final ArrayDeque<Range> resends = new ArrayDeque<>();

    OutboxPump(
            EntryStore store,
            EntrySender sender,
            String gateId,
            int window,
            int batchSize,
            Duration resendAfter,
            Runnable wakeup) {
        this.store = Objects.requireNonNull(store, "store");
        this.sender = Objects.requireNonNull(sender, "sender");
        this.gateId = Objects.requireNonNull(gateId, "gateId");
        this.resendAfter = Objects.requireNonNull(resendAfter, "resendAfter");
        this.wakeup = Objects.requireNonNull(wakeup, "wakeup");
        if (window < 1) {
            throw new IllegalArgumentException("window must be at least 1: " + window);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.window = window;
        this.batchSize = batchSize;
        // Not more: the hub takes every gate's messages in one queue, so what a draining gate has ahead delays
        // another gate's fever alert (4 windows: drain 1.7-2.9x faster, alert p50 5x slower; docs/performance.md).
        this.maxAhead = Math.max(MIN_AHEAD, (long) window * batchSize);
        this.permits = new Semaphore(window);
    }

    /** After every (re)connect: everything above the last ack is published again, in seq order. */
    void restart(Instant now) {
        rewindTo.set(NO_REWIND);
        cursor = store.ackedUpTo();
        progressAt = now;
        alertSeen = store.lastSeq();
        alerts.clear();
    }

    /** Queues an ack for the pump thread. Any thread; never blocks. */
    void offerAck(AckMessage ack) {
        acks.add(ack);
        wakeup.run();
    }

    /** Queues a resend request for the pump thread, which checks its epoch. Any thread; never blocks. */
    void offerResend(ResendCommand command) {
        commands.add(command);
        wakeup.run();
    }

    /** One round of work on the pump thread: acks, requests, the resend check, the alert lane, then the backlog. */
    void tick(Instant now) throws StoreException {
        applyAcks(now);
        applyRewindRequest();
        applyResendRequests();
        resendIfHubQuiet(now);
        findAlerts();
        sendAlerts();
        serveResends();
        fill(now);
    }

    /** Milliseconds until {@link #tick} has timed work to do (the resend check); {@link Long#MAX_VALUE} if none. */
    long millisUntilDue(Instant now) {
        if (cursor <= store.ackedUpTo()) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, quietWait().minus(Duration.between(progressAt, now)).toMillis());
    }

    /** Everything committed has been handed to the sender and the broker has acknowledged it. Pump thread. */
    boolean idle() {
        return cursor >= store.lastSeq()
                && alerts.isEmpty()
                && resends.isEmpty()
                && permits.availablePermits() == window
                && alertPermits.availablePermits() == ALERT_WINDOW;
    }

    /** Entries sent beyond the hub's last ack at most. */
    long maxAhead() {
        return maxAhead;
    }

    int inFlight() {
        return window - permits.availablePermits() + ALERT_WINDOW - alertPermits.availablePermits();
    }

    long published() {
        return published.get();
    }

    /** Acks ignored during this run because their {@code upTo} was above the last committed seq. Any thread. */
    long acksBeyondLastSeq() {
        return acksBeyondLastSeq.get();
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
            log.warn(
                    "event=uplink-ack-ignored gate={} reason=other-epoch epoch={} upTo={} ourEpoch={}",
                    gateId,
                    ack.epoch(),
                    ack.upTo(),
                    store.epoch());
        } else if (ack.upTo() < acked) {
            log.warn(
                    "event=uplink-ack-ignored gate={} reason=backwards upTo={} ackedUpTo={}",
                    gateId,
                    ack.upTo(),
                    acked);
        } else if (ack.upTo() > store.lastSeq()) {
            // Never valid: no hub can hold what this gate has not committed. A forged ack (an anonymous or embedded
            // broker lets anyone publish on the ack topic) or a database restored from an older copy.
            log.warn(
                    "event=uplink-ack-ignored gate={} reason=beyond-last-seq upTo={} lastSeq={} epoch={} ignoredSoFar={}",
                    gateId,
                    ack.upTo(),
                    store.lastSeq(),
                    ack.epoch(),
                    acksBeyondLastSeq.incrementAndGet());
        } else if (store.acknowledge(ack.epoch(), ack.upTo())) {
            lastAckAt = now;
            progressAt = now;
            quietResends = 0;
            cursor = Math.max(cursor, ack.upTo());
            log.debug("event=uplink-ack gate={} upTo={} backlog={}", gateId, ack.upTo(), store.unackedCount());
        }
    }

    private void applyRewindRequest() {
        long to = rewindTo.getAndSet(NO_REWIND);
        if (to < cursor) {
            cursor = Math.max(to, store.ackedUpTo());
        }
    }

    private void applyResendRequests() {
        ResendCommand c;
        while ((c = commands.poll()) != null) {
            long last = store.lastSeq();
            String reason = null;
            if (!c.epoch().equals(store.epoch())) {
                reason = "other-epoch";
            } else if (c.from() > last) {
                reason = "beyond-last-seq";
            } else if (resends.size() >= MAX_RESEND_RANGES) {
                reason = "too-many-pending";
            }
            if (reason != null) {
                log.warn(
                        "event=uplink-command-ignored gate={} command=resend id={} reason={} epoch={} from={} to={}"
                                + " ourEpoch={} lastSeq={}",
                        gateId,
                        c.id(),
                        reason,
                        c.epoch(),
                        c.from(),
                        c.to(),
                        store.epoch(),
                        last);
                continue;
            }
            Range r = new Range(c.id(), c.from(), Math.min(c.to(), last));
            resends.add(r);
            log.info("event=uplink-resend-requested gate={} id={} from={} to={}", gateId, c.id(), r.next, r.to);
        }
    }

    /** {@code resendAfter}, doubled for each resend in a row that brought no ack progress (at most 16x). */
    Duration quietWait() {
        return resendAfter.multipliedBy(1L << quietResends);
    }

    private void resendIfHubQuiet(Instant now) {
        long acked = store.ackedUpTo();
        if (cursor > acked && Duration.between(progressAt, now).compareTo(quietWait()) >= 0) {
            log.warn(
                    "event=uplink-resend gate={} reason=no-ack-progress fromSeq={} toSeq={} quietMs={} singles=true",
                    gateId,
                    acked + 1,
                    cursor,
                    Duration.between(progressAt, now).toMillis());
            quietResends = Math.min(quietResends + 1, MAX_RESEND_DOUBLINGS);
            singlesThrough = Math.max(singlesThrough, cursor);
            cursor = acked;
            progressAt = now;
        }
    }

    /**
     * New alert entries ({@code deny-fever}, {@code deny-quarantine}: {@code Decision.alert()}) that the backlog
     * would not let out right away join the alert lane.
     */
    private void findAlerts() throws StoreException {
        long last = store.lastSeq();
        if (last <= alertSeen) {
            return;
        }
        long from = Math.max(alertSeen + 1, last - ALERT_SCAN_LIMIT + 1);
        alertSeen = last;
        boolean nextGoesNow = permits.availablePermits() > 0 && cursor - store.ackedUpTo() < maxAhead;
        for (StoredEntry e : store.range(from, last, ALERT_SCAN_LIMIT)) {
            if (e.decision().alert() && (e.seq() > cursor + 1 || (e.seq() == cursor + 1 && !nextGoesNow))) {
                alerts.add(e);
            }
        }
    }

    private void sendAlerts() {
        while (!alerts.isEmpty()) {
            StoredEntry e = alerts.peek();
            if (e.seq() <= cursor || e.seq() <= store.ackedUpTo()) {
                alerts.poll();
                continue;
            }
            if (!alertPermits.tryAcquire()) {
                return;
            }
            Slot slot = new Slot(alertPermits, e.seq(), 1, false);
            EntrySender.Outcome outcome = sender.send(e, slot);
            if (outcome != EntrySender.Outcome.SENT) {
                slot.abandon();
                if (outcome == EntrySender.Outcome.NOT_CONNECTED) {
                    alerts.clear();
                }
                return;
            }
            alerts.poll();
            log.info(
                    "event=uplink-alert-lane gate={} seq={} decision={} aheadOf={}",
                    gateId,
                    e.seq(),
                    e.decision().wire(),
                    e.seq() - cursor - 1);
        }
    }

    /** Hub resend requests go first and ignore the ahead limit: the hub asked for them. */
    private void serveResends() throws StoreException {
        while (!resends.isEmpty() && permits.availablePermits() > 0) {
            Range r = resends.peek();
            List<StoredEntry> rows = store.range(r.next, r.to, batchSize);
            if (rows.isEmpty() || rows.getFirst().seq() > r.next) {
                long missingTo = rows.isEmpty() ? r.to : rows.getFirst().seq() - 1;
                log.warn(
                        "event=uplink-resend-incomplete gate={} id={} missingFrom={} missingTo={} reason=purged",
                        gateId,
                        r.id,
                        r.next,
                        missingTo);
                if (rows.isEmpty()) {
                    resends.poll();
                    continue;
                }
            }
            List<StoredEntry> message = BatchCut.consecutivePrefix(rows);
            if (!publish(message, false)) {
                return;
            }
            r.next = message.getLast().seq() + 1;
            if (r.next > r.to) {
                resends.poll();
            }
        }
    }

    private void fill(Instant now) throws StoreException {
        while (permits.availablePermits() > 0) {
            long ahead = cursor - store.ackedUpTo();
            if (ahead >= maxAhead) {
                return;
            }
            int limit = cursor < singlesThrough ? 1 : (int) Math.min(batchSize, maxAhead - ahead);
            List<StoredEntry> next = store.unacked(cursor, limit);
            if (next.isEmpty()) {
                return;
            }
            List<StoredEntry> message = BatchCut.consecutivePrefix(next);
            if (!publish(message, true)) {
                return;
            }
            if (cursor <= store.ackedUpTo()) {
                progressAt = now;
            }
            cursor = message.getLast().seq();
        }
    }

    /** Sends one message on the window; false when the transport took nothing. */
    private boolean publish(List<StoredEntry> message, boolean inOrder) {
        if (!permits.tryAcquire()) {
            return false;
        }
        Slot slot = new Slot(permits, message.getFirst().seq(), message.size(), inOrder);
        EntrySender.Outcome outcome =
                message.size() == 1 ? sender.send(message.getFirst(), slot) : sender.sendBatch(message, slot);
        if (outcome == EntrySender.Outcome.SENT) {
            return true;
        }
        slot.abandon();
        log.debug(
                "event=uplink-publish-deferred gate={} seq={} entries={} outcome={}",
                gateId,
                message.getFirst().seq(),
                message.size(),
                outcome);
        return false;
    }

    /** A hub resend request being served. Pump thread only. */
    private static final class Range {
        final String id;
        long next;
        final long to;

        Range(String id, long from, long to) {
            this.id = id;
            this.next = from;
            this.to = to;
        }
    }

    /** One window place, given back exactly once however often and however Paho reports the outcome. */
    private final class Slot implements EntrySender.Delivery {
        private final Semaphore pool;
        private final long firstSeq;
        private final int entries;
        private final boolean rewindOnFailure;
        private final AtomicBoolean done = new AtomicBoolean();

        Slot(Semaphore pool, long firstSeq, int entries, boolean rewindOnFailure) {
            this.pool = pool;
            this.firstSeq = firstSeq;
            this.entries = entries;
            this.rewindOnFailure = rewindOnFailure;
        }

        @Override
        public void delivered() {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            pool.release();
            published.addAndGet(entries);
            wakeup.run();
        }

        @Override
        public void failed(Throwable cause) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            pool.release();
            if (rewindOnFailure) {
                rewindTo.accumulateAndGet(firstSeq - 1, Math::min);
            }
            log.debug(
                    "event=uplink-publish-failed gate={} seq={} entries={} cause=\"{}\"",
                    gateId,
                    firstSeq,
                    entries,
                    String.valueOf(cause));
            wakeup.run();
        }

        void abandon() {
            if (done.compareAndSet(false, true)) {
                pool.release();
            }
        }
    }
}
