package org.gatepost.hub.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.BatchMessage;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.HeartbeatMessage;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.DeadLetter;
import org.gatepost.hub.store.EntryCommit;
import org.gatepost.hub.store.HubTransaction;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.PassUse;
import org.gatepost.hub.store.StatusCommit;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one received message into writes inside the ingest group's transaction, and returns what to do once
 * that transaction has committed (count, log, report progress to the ack publisher). Each message is first
 * decided (decoded, usually already by the thread that queued it ({@link Decoded}), and alert rules applied: no
 * writes), then written; a message that fails while being decided becomes a dead letter, while a failing write
 * fails the whole transaction, which the worker retries.
 * Runs on the ingest thread only.
 */
final class MessageHandler {
    private static final Logger log = LoggerFactory.getLogger(MessageHandler.class);

    private final AlertRules rules;
    private final HeartbeatHandler heartbeats;
    private final ProgressListener progress;
    private final HubEvents events;
    private final IngestCounters counters;

    MessageHandler(
            AlertRules rules,
            HeartbeatHandler heartbeats,
            ProgressListener progress,
            HubEvents events,
            IngestCounters counters) {
        this.rules = rules;
        this.heartbeats = heartbeats;
        this.progress = progress;
        this.events = events;
        this.counters = counters;
    }

    /** A decided message: its writes, returning the after-commit work. */
    private interface Plan {
        Runnable apply(HubTransaction tx, Instant now) throws StoreException;
    }

    Runnable handle(HubTransaction tx, InboundMessage m, Instant now) throws StoreException {
        return plan(m, m.decode().decoded()).apply(tx, now);
    }

    private Plan plan(InboundMessage m, Decoded d) {
        return switch (d) {
            case Decoded.Entry e -> entry(m, e.entry());
            case Decoded.Batch b -> batch(m, b.batch());
            case Decoded.Status s -> status(s.status());
            case Decoded.ClearedStatus c -> clearedStatus(c.gate());
            case Decoded.Heartbeat h -> (tx, now) -> heartbeat(tx, m, h.heartbeat(), now);
            case Decoded.Rejected r -> deadLetter(m, r.reason());
        };
    }

    /** The heartbeat's plan reads the gate's stored state, so it is made inside the transaction. */
    private Runnable heartbeat(HubTransaction tx, InboundMessage m, HeartbeatMessage h, Instant now)
            throws StoreException {
        HeartbeatHandler.Plan plan;
        try {
            plan = heartbeats.plan(tx, h);
        } catch (RuntimeException e) {
            log.error("event=ingest-bug action=message-set-aside topic={} error={}", m.topic(), e.toString(), e);
            return deadLetter(m, "internal error: " + e.getClass().getSimpleName())
                    .apply(tx, now);
        }
        return plan.apply(tx, now);
    }

    private Plan entry(InboundMessage m, EntryMessage e) {
        List<NewAlert> alerts = rules.forEntry(e);
        return (tx, now) -> {
            EntryCommit c = tx.entry(e, now, alerts);
            Runnable conflict = c.conflicting() ? keepConflict(tx, m, "", e, now) : () -> {};
            Runnable pass = c.inserted() ? passUse(tx, e, now) : () -> {};
            return () -> {
                pass.run();
                conflict.run();
                count(c);
                log.debug(
                        "event=entry-{} gate={} epoch={} seq={} decision={} upTo={}",
                        c.inserted() ? "stored" : "duplicate",
                        e.gate(),
                        e.epoch(),
                        e.seq(),
                        e.decision(),
                        c.upTo());
                if (c.alertsRaised() > 0) {
                    log.warn("event=alert-raised kind={} gate={} entry={}", kinds(alerts), e.gate(), e.id());
                    events.alertsChanged(e.gate());
                }
                progress.committed(e.gate(), e.epoch(), c.upTo());
                if (c.inserted()) {
                    events.entryStored(e.gate(), e.epoch(), e.seq());
                    events.gateChanged(e.gate());
                }
            };
        };
    }

    private Plan batch(InboundMessage m, BatchMessage b) {
        List<List<NewAlert>> alerts = new ArrayList<>(b.entries().size());
        for (EntryMessage e : b.entries()) {
            alerts.add(rules.forEntry(e));
        }
        return (tx, now) -> {
            List<EntryCommit> commits = tx.entries(b.entries(), now, alerts);
            List<Runnable> conflicts = new ArrayList<>();
            List<Runnable> passes = new ArrayList<>();
            for (int i = 0; i < commits.size(); i++) {
                if (commits.get(i).conflicting()) {
                    conflicts.add(keepConflict(
                            tx, m, "entries[" + i + "].", b.entries().get(i), now));
                }
                if (commits.get(i).inserted()) {
                    passes.add(passUse(tx, b.entries().get(i), now));
                }
            }
            return () -> {
                passes.forEach(Runnable::run);
                conflicts.forEach(Runnable::run);
                long stored = 0;
                boolean raised = false;
                for (int i = 0; i < commits.size(); i++) {
                    EntryCommit c = commits.get(i);
                    count(c);
                    if (c.inserted()) {
                        stored++;
                        events.entryStored(
                                b.gate(), b.epoch(), b.entries().get(i).seq());
                    }
                    if (c.alertsRaised() > 0) {
                        raised = true;
                        log.warn(
                                "event=alert-raised kind={} gate={} entry={}",
                                kinds(alerts.get(i)),
                                b.gate(),
                                b.entries().get(i).id());
                    }
                }
                if (raised) {
                    events.alertsChanged(b.gate());
                }
                if (stored > 0) {
                    events.gateChanged(b.gate());
                }
                long upTo = commits.get(commits.size() - 1).upTo();
                log.info(
                        "event=batch-stored gate={} epoch={} from={} to={} new={} duplicates={} conflicts={} upTo={}",
                        b.gate(),
                        b.epoch(),
                        b.firstSeq(),
                        b.lastSeq(),
                        stored,
                        commits.size() - stored - conflicts.size(),
                        conflicts.size(),
                        upTo);
                progress.committed(b.gate(), b.epoch(), upTo);
            };
        };
    }

    /**
     * A newly stored {@code admit-visitor} entry of a visitor pass: records the use, and raises
     * {@code pass-double-use} when it is a one-use pass the hub has another entry of. Returns the
     * after-commit work (the passes list may change).
     */
    private Runnable passUse(HubTransaction tx, EntryMessage e, Instant now) throws StoreException {
        if (!EntryMessage.DECISION_ADMIT_VISITOR.equals(e.decision())
                || e.rules() == null
                || e.rules().pass() == null) {
            return () -> {};
        }
        String pass = e.rules().pass().id();
        PassUse use = tx.passUse(pass, e.id(), e.gate(), e.at(), now);
        boolean raised = use.doubleUse() && tx.raise(rules.forPassDoubleUse(e, use.earlier()), now);
        return () -> {
            log.info(
                    "event=pass-used pass={} gate={} entry={} known={} uses={} doubleUse={}",
                    pass,
                    e.gate(),
                    e.id(),
                    use.known(),
                    use.oneUse() ? "one" : "many",
                    use.doubleUse());
            if (raised) {
                log.warn("event=alert-raised kind={} gate={} entry={}", AlertKind.PASS_DOUBLE_USE, e.gate(), e.id());
                events.alertsChanged(e.gate());
            }
            if (use.oneUse()) {
                events.passUsed(pass);
            }
        };
    }

    private static String kinds(List<NewAlert> alerts) {
        return String.join(",", alerts.stream().map(a -> a.kind().wire()).toList());
    }

    private void count(EntryCommit c) {
        if (!c.conflicting()) {
            (c.inserted() ? counters.entriesStored : counters.duplicates).incrementAndGet();
        }
    }

    /**
     * An entry whose key is stored with other content: kept aside as a dead letter (its canonical JSON; the reason
     * names the field, {@code prefix} locating it in a batch) and alerted once per entry id. The stored entry stays.
     * Returns the after-commit work.
     */
    private Runnable keepConflict(HubTransaction tx, InboundMessage m, String prefix, EntryMessage e, Instant now)
            throws StoreException {
        String payload = ContractJson.canonical(e);
        String reason =
                prefix + "seq: entry " + e.id() + " is already stored with different content" + " (the first is kept)";
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        tx.deadLetter(new DeadLetter(m.topic(), PayloadText.of(bytes), bytes.length, reason, now));
        boolean raised = tx.raise(rules.forConflict(e), now);
        return () -> {
            counters.deadLetters.incrementAndGet();
            log.warn(
                    "event=entry-conflict-kept-aside topic={} gate={} epoch={} seq={} alert={} alertRaised={}",
                    m.topic(),
                    e.gate(),
                    e.epoch(),
                    e.seq(),
                    AlertKind.CONFLICTING_ENTRY,
                    raised);
            if (raised) {
                events.alertsChanged(e.gate());
            }
        };
    }

    private Plan status(StatusMessage s) {
        return (tx, now) -> {
            StatusCommit c = tx.status(s, now, rules);
            return () -> {
                counters.statuses.incrementAndGet();
                if (!c.applied()) {
                    log.info(
                            "event=gate-status-stale action=ignored gate={} state={} reason={} boot={}",
                            s.gate(),
                            s.state(),
                            s.reason(),
                            s.boot());
                    return;
                }
                log.info(
                        "event=gate-status gate={} state={} reason={} epoch={}",
                        s.gate(),
                        s.state(),
                        s.reason(),
                        s.epoch());
                events.gateChanged(s.gate());
                if (c.alertRaised() || c.alertsResolved() > 0) {
                    events.alertsChanged(s.gate());
                }
                if (c.alertRaised()) {
                    log.warn(
                            "event=alert-raised kind={} gate={} reason={}",
                            AlertKind.GATE_OFFLINE,
                            s.gate(),
                            s.reason());
                }
                if (c.alertsResolved() > 0) {
                    log.info(
                            "event=alert-resolved kind={} gate={} count={}",
                            AlertKind.GATE_OFFLINE,
                            s.gate(),
                            c.alertsResolved());
                }
            };
        };
    }

    private static Plan clearedStatus(String gate) {
        return (tx, now) -> () -> log.info("event=gate-status-cleared gate={}", gate);
    }

    private Plan deadLetter(InboundMessage m, String reason) {
        return (tx, now) -> {
            tx.deadLetter(new DeadLetter(m.topic(), PayloadText.of(m.payload()), m.payload().length, reason, now));
            return () -> {
                counters.deadLetters.incrementAndGet();
                log.warn("event=dead-letter topic={} bytes={} reason={}", m.topic(), m.payload().length, reason);
            };
        };
    }
}
