package org.gatepost.hub.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.alert.BadgeNames;
import org.gatepost.hub.auth.Session;
import org.gatepost.hub.auth.Sessions;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.store.AlertActions;
import org.gatepost.hub.store.AlertQuery;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes what changed to open dashboards over server-sent events ({@code GET /api/events}). Ingest and the
 * alert routes tell it what changed ({@link HubEvents}); it reads the new state from the store on its own
 * thread {@code hub-live} and sends, to every subscriber:
 * <ul>
 *   <li>{@code hello} once subscribed (the page then loads everything, so nothing falls between load and stream);</li>
 *   <li>{@code entry}: a newly stored entry, as in {@code GET /api/entries}, at most every
 *       {@link #ENTRIES_MIN_INTERVAL} (of many stored since, such as a drained backlog or a thousand busy gates,
 *       the newest {@value #MAX_ENTRIES_PER_PUSH}); while no page is open nothing is read for them;</li>
 *   <li>{@code alert}: a newly raised alert nobody has handled yet, {@code alert-update}: one acknowledged or
 *       resolved (as in {@code GET /api/alerts});</li>
 *   <li>{@code gates}: the body of {@code GET /api/gates}, at most once per {@link #GATES_MIN_INTERVAL};</li>
 *   <li>{@code signed-out} before the stream is closed because its session ended.</li>
 * </ul>
 * A comment every {@link #PING_INTERVAL} keeps proxies from closing the stream and finds dead ones. Every
 * {@link #SESSION_CHECK_INTERVAL} the streams' sessions are looked up in the database, so a stream whose session
 * ended on any hub (logout, password change, idle timeout) is closed within that time.
 *
 * <p>The {@link HubEvents} methods never block and never throw. All sending happens on the one thread, so a
 * client that stops reading delays the others until Jetty's idle timeout drops it.
 */
public final class LiveFeed implements HubEvents, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveFeed.class);
    public static final Duration PING_INTERVAL = Duration.ofSeconds(15);
    public static final Duration SESSION_CHECK_INTERVAL = Duration.ofSeconds(5);
    public static final Duration GATES_MIN_INTERVAL = Duration.ofSeconds(1);
    /** Entries are pushed at most this often (the newest {@value #MAX_ENTRIES_PER_PUSH} of those stored since). */
    public static final Duration ENTRIES_MIN_INTERVAL = Duration.ofMillis(100);
    /** Alerts compared between changes: the newest ones, plus all that are not resolved. */
    private static final int ALERT_WINDOW = 200;
    /** At most this many of the entries stored since the last push are sent (the newest). */
    static final int MAX_ENTRIES_PER_PUSH = 50;

    private record EntryRef(String gate, String epoch, long seq) {}

    private record Subscriber(SseClient client, String sessionToken, String user) {}

    private final HubStore store;
    private final EntrySearch entries;
    private final AlertActions alerts;
    private final Sessions sessions;
    private final Clock clock;
    private final ScheduledExecutorService thread;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<EntryRef> newEntries = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean alertsDirty = new AtomicBoolean();
    private final AtomicBoolean gatesDirty = new AtomicBoolean();
    /** Names for the badge hashes of pushed entries; none until the web server wires the lists in. */
    private volatile BadgeNames badgeNames = hash -> Optional.empty();

    private final AtomicBoolean flushQueued = new AtomicBoolean();
    // Owned by the hub-live thread:
    private final Map<Long, String> alertStates = new HashMap<>();
    private long maxAlertId = -1;
    private long nextGatesNanos;
    private long nextEntriesNanos;
    /** The one pending timer that re-runs the flush for a throttled push, if {@link #wakeArmed}. */
    private long wakeAtNanos;

    private boolean wakeArmed;
    private final AtomicInteger wakesArmed = new AtomicInteger();

    public LiveFeed(HubStore store, EntrySearch entries, AlertActions alerts, Sessions sessions, Clock clock) {
        this.store = store;
        this.entries = entries;
        this.alerts = alerts;
        this.sessions = sessions;
        this.clock = clock;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-live").daemon().factory());
        this.nextGatesNanos = System.nanoTime();
        this.nextEntriesNanos = nextGatesNanos;
        alertsDirty.set(true);
        long ping = PING_INTERVAL.toMillis();
        thread.scheduleAtFixedRate(this::ping, ping, ping, TimeUnit.MILLISECONDS);
        long check = SESSION_CHECK_INTERVAL.toMillis();
        thread.scheduleAtFixedRate(this::checkSessions, check, check, TimeUnit.MILLISECONDS);
        schedule();
    }

    @Override
    public void entryStored(String gate, String epoch, long seq) {
        newEntries.add(new EntryRef(gate, epoch, seq));
        schedule();
    }

    @Override
    public void alertsChanged(String gate) {
        alertsDirty.set(true);
        schedule();
    }

    @Override
    public void gateChanged(String gate) {
        gatesDirty.set(true);
        schedule();
    }

    /** Called on the request thread of {@code GET /api/events}; the stream stays open until either side ends it. */
    void subscribe(SseClient client, Session session) {
        client.keepAlive();
        Subscriber s = new Subscriber(client, session.token(), session.name());
        client.onClose(() -> subscribers.remove(s));
        run(() -> {
            subscribers.add(s);
            send(s, "hello", JsonViews.MAPPER.createObjectNode().put("user", s.user()));
            log.debug("event=live-subscriber-added user={} subscribers={}", s.user(), subscribers.size());
        });
    }

    @Override
    public void close() {
        thread.shutdownNow();
        for (Subscriber s : subscribers) {
            s.client().close();
        }
        subscribers.clear();
    }

    private void schedule() {
        if (flushQueued.compareAndSet(false, true)) {
            run(this::flush);
        }
    }

    private void run(Runnable task) {
        try {
            thread.execute(task);
        } catch (RejectedExecutionException e) {
            // closed: nothing to push to
        }
    }

    /** Runs {@code task} on the feed's thread after everything queued before it (for tests). */
    void runOnFeedThread(Runnable task) {
        run(task);
    }

    /** Names the volunteers on duty in pushed entries from now on. */
    void useBadgeNames(BadgeNames names) {
        badgeNames = names;
    }

    private void flush() {
        flushQueued.set(false);
        try {
            if (subscribers.isEmpty()) {
                // Nobody to push to: a page that subscribes later loads everything after its hello. Alerts are
                // still diffed (rarely), so that one raised before a page subscribes is not pushed as new.
                newEntries.clear();
                gatesDirty.set(false);
            } else {
                pushEntries();
            }
            if (alertsDirty.getAndSet(false)) {
                diffAlerts();
            }
            if (gatesDirty.get()) {
                long now = System.nanoTime();
                if (now - nextGatesNanos >= 0) {
                    gatesDirty.set(false);
                    nextGatesNanos = now + GATES_MIN_INTERVAL.toNanos();
                    broadcast("gates", ApiRoutes.gatesBody(store, clock));
                } else {
                    wakeAt(nextGatesNanos);
                }
            }
        } catch (StoreException e) {
            log.warn("event=live-update-skipped store=failed reason={}", e.getMessage());
            alertsDirty.set(true);
        } catch (RuntimeException e) {
            log.error("event=live-update-failed error={}", e.toString(), e);
        }
    }

    /** Pushes the newest entries stored since the last push, at most once per {@link #ENTRIES_MIN_INTERVAL}. */
    private void pushEntries() throws StoreException {
        if (newEntries.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextEntriesNanos < 0) {
            wakeAt(nextEntriesNanos);
            return;
        }
        nextEntriesNanos = now + ENTRIES_MIN_INTERVAL.toNanos();
        List<EntryRef> refs = new ArrayList<>();
        for (EntryRef r; (r = newEntries.poll()) != null; ) {
            refs.add(r);
        }
        // A drained backlog can bring thousands at once; a page's feed shows the newest few only.
        for (EntryRef ref : refs.subList(Math.max(0, refs.size() - MAX_ENTRIES_PER_PUSH), refs.size())) {
            entries.entry(ref.gate(), ref.epoch(), ref.seq())
                    .ifPresent(e -> broadcast("entry", JsonViews.entry(e, badgeNames, false)));
        }
    }

    /**
     * Makes a flush run at {@code deadlineNanos} ({@link System#nanoTime}). One timer serves every throttled push:
     * while one is pending for that time or earlier, nothing more is scheduled (under a thousand busy gates each
     * flush inside the interval would otherwise add its own). Feed thread only.
     */
    void wakeAt(long deadlineNanos) {
        if (wakeArmed && wakeAtNanos - deadlineNanos <= 0) {
            return;
        }
        wakeArmed = true;
        wakeAtNanos = deadlineNanos;
        wakesArmed.incrementAndGet();
        thread.schedule(
                () -> {
                    if (wakeAtNanos == deadlineNanos) {
                        wakeArmed = false;
                    }
                    schedule();
                },
                deadlineNanos - System.nanoTime(),
                TimeUnit.NANOSECONDS);
    }

    /** Timers {@link #wakeAt} has scheduled so far (for tests). */
    int wakesArmed() {
        return wakesArmed.get();
    }

    /** Sends alerts that are new (higher id than any seen) or whose handling state changed. */
    private void diffAlerts() throws StoreException {
        List<AlertView> recent = alerts.alerts(AlertQuery.ALL, ALERT_WINDOW);
        boolean first = maxAlertId < 0;
        long seenMax = Math.max(0, maxAlertId);
        List<AlertView> changed = recent.stream()
                .filter(a -> a.id() > seenMax || !Objects.equals(alertStates.get(a.id()), state(a)))
                .toList();
        for (AlertView a : recent) {
            alertStates.put(a.id(), state(a));
            maxAlertId = Math.max(maxAlertId, a.id());
        }
        if (alertStates.size() > 4 * ALERT_WINDOW) {
            alertStates.keySet().removeIf(id -> id < maxAlertId - 2L * ALERT_WINDOW);
        }
        if (first || changed.isEmpty()) {
            maxAlertId = Math.max(maxAlertId, 0);
            return;
        }
        var json = AlertRoutes.json(
                changed, alerts.actions(changed.stream().map(AlertView::id).toList()));
        for (int i = changed.size() - 1; i >= 0; i--) {
            AlertView a = changed.get(i);
            // Only an alert nobody has handled yet is news worth a beep; the rest are updates.
            boolean raised = a.id() > seenMax && a.acknowledgedAt() == null && a.resolvedAt() == null;
            broadcast(raised ? "alert" : "alert-update", json.get(i));
        }
    }

    private static String state(AlertView a) {
        return a.acknowledgedAt() + "|" + a.resolvedAt();
    }

    /**
     * Closes the streams whose session ended, here or on another hub. A store that cannot be read closes nothing
     * (the next check tries again).
     */
    private void checkSessions() {
        Map<String, Boolean> live = new HashMap<>();
        try {
            for (Subscriber s : subscribers) {
                if (!live.containsKey(s.sessionToken())) {
                    live.put(
                            s.sessionToken(),
                            sessions.find(s.sessionToken(), false).isPresent());
                }
                if (!live.get(s.sessionToken())) {
                    send(s, "signed-out", JsonViews.MAPPER.createObjectNode().put("reason", "session ended"));
                    subscribers.remove(s);
                    s.client().close();
                }
            }
        } catch (StoreException e) {
            log.debug("event=live-session-check-skipped store=failed reason={}", e.getMessage());
        } catch (RuntimeException e) {
            log.error("event=live-session-check-failed error={}", e.toString(), e);
        }
    }

    private void ping() {
        for (Subscriber s : subscribers) {
            try {
                s.client().sendComment("ping");
            } catch (RuntimeException e) {
                drop(s, e);
            }
        }
    }

    private void broadcast(String event, JsonNode data) {
        for (Subscriber s : subscribers) {
            send(s, event, data);
        }
    }

    private void send(Subscriber s, String event, JsonNode data) {
        if (s.client().terminated()) {
            subscribers.remove(s);
            return;
        }
        try {
            s.client().sendEvent(event, data.toString());
        } catch (RuntimeException e) {
            drop(s, e);
        }
    }

    private void drop(Subscriber s, RuntimeException e) {
        subscribers.remove(s);
        log.debug("event=live-subscriber-dropped user={} reason={}", s.user(), e.toString());
        try {
            s.client().close();
        } catch (RuntimeException ignored) {
            // already gone
        }
    }
}
