package org.gatepost.agent.purge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.uplink.PurgeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of the emergency at the gate (docs/security.md, "End of the emergency (PIPL art. 47)"). A purge command is
 * recorded in the gate's SQLite file at once ({@code purges}), so a restart does not forget it; the purge itself
 * waits until every entry is acknowledged by the hub (the gate is connected when the command arrives, so its outbox
 * drains first, and the anonymous counts are safe at the hub), then deletes the personal lists and the pending
 * retests ({@link ListSync#purgePersonal}), every outbox row and the tables that name people
 * ({@link SqliteEntryStore#purgePersonalData}), rewrites the file, and reports the counts
 * ({@code docs/contract/purge-report.json}). A purge id done once is never redone: a repeated command gets the same
 * report again. Thread safe: {@link #received} only queues; the rest runs on the uplink thread.
 */
public final class GatePurge implements PurgeHandler {
    private static final Logger log = LoggerFactory.getLogger(GatePurge.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final SqliteEntryStore store;
    private final ListSync lists;
    private final String gateId;
    private final Clock clock;
    /** List counts deleted by an attempt whose outbox part had to wait; added to the report. */
    private final Map<String, Long> listCounts = new LinkedHashMap<>();

    private final ConcurrentLinkedQueue<PurgeCommand> commands = new ConcurrentLinkedQueue<>();
    private byte[] unreported;
    private boolean waitingLogged;

    public GatePurge(SqliteEntryStore store, ListSync lists, String gateId, Clock clock) {
        this.store = store;
        this.lists = lists;
        this.gateId = gateId;
        this.clock = clock;
    }

    /** Parses and queues the command; the uplink thread records it ({@link #reportDue}), so Paho's thread never waits. */
    @Override
    public void received(byte[] payload) {
        try {
            commands.add(PurgeCommand.parse(payload));
        } catch (IllegalArgumentException e) {
            log.warn("event=purge-command-ignored gate={} reason=\"{}\"", gateId, e.getMessage());
        }
    }

    /** Records the queued commands in the store; a command of a purge done already makes its report due again. */
    private void record() {
        for (PurgeCommand c; (c = commands.poll()) != null; ) {
            try {
                Optional<String> done = store.purgeReceived(c.id(), clock.instant());
                if (done.isPresent()) {
                    unreported = done.get().getBytes(StandardCharsets.UTF_8);
                    log.info("event=purge-repeated gate={} id={}", gateId, c.id());
                } else {
                    log.info("event=purge-received gate={} id={} backlog={}", gateId, c.id(), store.unackedCount());
                }
            } catch (StoreException e) {
                commands.add(c);
                log.error("event=purge-record-failed gate={} id={} cause=\"{}\"", gateId, c.id(), e.getMessage());
                return;
            }
        }
    }

    @Override
    public synchronized Optional<byte[]> reportDue() {
        record();
        if (unreported != null) {
            return Optional.of(unreported);
        }
        try {
            List<String> pending = store.pendingPurges();
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            String id = pending.getFirst();
            if (store.unackedCount() > 0) {
                if (!waitingLogged) {
                    log.info("event=purge-waiting gate={} id={} backlog={}", gateId, id, store.unackedCount());
                    waitingLogged = true;
                }
                return Optional.empty();
            }
            lists.purgePersonal().forEach((k, v) -> listCounts.merge(k, v, Long::sum));
            Instant now = clock.instant();
            Map<String, Long> counts = new LinkedHashMap<>(listCounts);
            Optional<String> report = store.purgePersonalData(id, now, counts, c -> report(id, now, c));
            if (report.isEmpty()) {
                return Optional.empty();
            }
            listCounts.clear();
            waitingLogged = false;
            log.info("event=purge-done gate={} id={} deleted={}", gateId, id, counts);
            unreported = report.get().getBytes(StandardCharsets.UTF_8);
            return Optional.of(unreported);
        } catch (StoreException e) {
            log.error("event=purge-failed gate={} cause=\"{}\"", gateId, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public synchronized void reported(byte[] report) {
        if (report == unreported) {
            unreported = null;
        }
        log.info("event=purge-reported gate={}", gateId);
    }

    /** The report's compact JSON ({@code docs/contract/purge-report.json}). */
    String report(String id, Instant at, Map<String, Long> counts) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("v", 1);
        n.put("gate", gateId);
        n.put("purge", id);
        n.put("purged_at", AT.format(at));
        ObjectNode d = n.putObject("deleted");
        counts.forEach(d::put);
        return n.toString();
    }
}
