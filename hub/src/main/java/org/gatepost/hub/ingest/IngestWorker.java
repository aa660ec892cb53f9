package org.gatepost.hub.ingest;

import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.InvalidPayloadException;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.DeadLetter;
import org.gatepost.hub.store.EntryCommit;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StatusCommit;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The single ingest thread. Takes messages in arrival order from the inbox, validates them, commits their
 * effects in one store transaction, and only then acknowledges them to the broker. An invalid message is
 * stored as a dead letter and acknowledged, so it never blocks the ones behind it. When the store fails,
 * the same message is retried with backoff (up to {@code retryMax} apart) and nothing is acknowledged
 * until it succeeds. Start with {@link #start()}; {@link #close()} stops the thread and leaves unprocessed
 * messages unacknowledged (the broker redelivers them).
 */
public final class IngestWorker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IngestWorker.class);
    public static final Duration DEFAULT_RETRY_INITIAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_RETRY_MAX = Duration.ofSeconds(30);

    private final BlockingQueue<InboundMessage> inbox;
    private final HubStore store;
    private final AlertRules rules;
    private final MessageAcker acker;
    private final ProgressListener progress;
    private final Clock clock;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final Thread thread;
    private volatile boolean running = true;

    private final AtomicLong entriesStored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong statuses = new AtomicLong();
    private final AtomicLong deadLetters = new AtomicLong();
    private final AtomicLong storeFailures = new AtomicLong();
    private final AtomicLong ackFailures = new AtomicLong();

    public IngestWorker(BlockingQueue<InboundMessage> inbox, HubStore store, AlertRules rules, MessageAcker acker,
                        ProgressListener progress, Clock clock, Duration retryInitial, Duration retryMax) {
        this.inbox = inbox;
        this.store = store;
        this.rules = rules;
        this.acker = acker;
        this.progress = progress;
        this.clock = clock;
        this.retryInitial = retryInitial;
        this.retryMax = retryMax;
        this.thread = new Thread(this::run, "hub-ingest");
    }

    public void start() {
        thread.start();
    }

    public IngestStats stats() {
        return new IngestStats(entriesStored.get(), duplicates.get(), statuses.get(), deadLetters.get(),
                storeFailures.get(), ackFailures.get(), inbox.size());
    }

    /** Stops the thread, waiting up to 5 s for the message in hand. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        log.info("ingest started");
        while (running) {
            try {
                process(inbox.take());
            } catch (InterruptedException e) {
                break;
            }
        }
        log.info("ingest stopped queued={}", inbox.size());
    }

    private void process(InboundMessage m) throws InterruptedException {
        Duration backoff = retryInitial;
        while (true) {
            try {
                handle(m);
                break;
            } catch (StoreException e) {
                storeFailures.incrementAndGet();
                log.error("store failed, message not acknowledged topic={} retryInMs={} reason={}",
                        m.topic(), backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(retryMax) > 0 ? retryMax : backoff.multipliedBy(2);
            }
        }
        if (m.qos() > 0) {
            try {
                acker.ack(m);
            } catch (Exception e) {
                ackFailures.incrementAndGet();
                log.warn("mqtt ack failed, broker will redeliver topic={} id={} reason={}", m.topic(), m.id(),
                        e.getMessage());
            }
        }
    }

    private void handle(InboundMessage m) throws StoreException {
        Optional<Topics.Ref> ref = Topics.parse(m.topic());
        if (ref.isEmpty() || ref.get().kind() == Topics.Kind.ACK) {
            deadLetter(m, "unexpected topic");
            return;
        }
        try {
            switch (ref.get().kind()) {
                case ENTRIES -> entry(ContractJson.parseEntry(m.payload(), ref.get().gate()));
                case STATUS -> status(m, ref.get().gate());
                default -> throw new IllegalStateException("unreachable");
            }
        } catch (InvalidPayloadException e) {
            deadLetter(m, e.getMessage());
        } catch (RuntimeException e) {
            log.error("ingest bug, message set aside topic={} error={}", m.topic(), e.toString(), e);
            deadLetter(m, "internal error: " + e.getClass().getSimpleName());
        }
    }

    private void entry(EntryMessage e) throws StoreException {
        EntryCommit c = store.commitEntry(e, clock.instant(), rules.forEntry(e));
        if (c.inserted()) {
            entriesStored.incrementAndGet();
            log.debug("entry stored gate={} epoch={} seq={} decision={} upTo={}", e.gate(), e.epoch(), e.seq(),
                    e.decision(), c.upTo());
        } else {
            duplicates.incrementAndGet();
            log.debug("entry duplicate gate={} epoch={} seq={} upTo={}", e.gate(), e.epoch(), e.seq(), c.upTo());
        }
        if (c.alertsRaised() > 0) {
            log.warn("alert raised kind={} gate={} entry={}", AlertRules.FEVER, e.gate(), e.id());
        }
        progress.committed(e.gate(), e.epoch(), c.upTo());
    }

    private void status(InboundMessage m, String gate) throws StoreException, InvalidPayloadException {
        if (m.payload().length == 0) {
            log.info("gate status cleared gate={}", gate);
            return;
        }
        StatusMessage s = ContractJson.parseStatus(m.payload(), gate);
        StatusCommit c = store.commitStatus(s, clock.instant(), rules);
        statuses.incrementAndGet();
        if (!c.applied()) {
            log.info("gate status stale, ignored gate={} state={} reason={} boot={}", gate, s.state(), s.reason(),
                    s.boot());
            return;
        }
        log.info("gate status gate={} state={} reason={} epoch={}", gate, s.state(), s.reason(), s.epoch());
        if (c.alertRaised()) {
            log.warn("alert raised kind={} gate={} reason={}", AlertRules.GATE_OFFLINE, gate, s.reason());
        }
        if (c.alertsResolved() > 0) {
            log.info("alert resolved kind={} gate={} count={}", AlertRules.GATE_OFFLINE, gate, c.alertsResolved());
        }
    }

    private void deadLetter(InboundMessage m, String reason) throws StoreException {
        store.recordDeadLetter(new DeadLetter(m.topic(), PayloadText.of(m.payload()), m.payload().length, reason,
                clock.instant()));
        deadLetters.incrementAndGet();
        log.warn("dead letter topic={} bytes={} reason={}", m.topic(), m.payload().length, reason);
    }
}
