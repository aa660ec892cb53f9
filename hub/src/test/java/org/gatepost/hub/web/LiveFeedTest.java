package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.hub.auth.Sessions;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.store.DecisionCount;
import org.gatepost.hub.store.EntryKey;
import org.gatepost.hub.store.EntryQuery;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.EntryTally;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.EventStream;
import org.gatepost.hub.testing.OnEachBackend;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server-sent event stream {@code /api/events} read as raw lines, with ingest's hints given by hand. */
class LiveFeedTest extends OnEachBackend {
    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private WebFixture web;
    private ApiSession admin;
    private EventStream feed;

    @BeforeEach
    void start() throws Exception {
        web = new WebFixture(databases.settings(backend), Optional.of(TestHubs.ADMIN_PASSWORD), null);
        admin = web.admin();
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        web.close();
    }

    /** Opens the stream as {@code session}; {@link #next} reads its events. */
    private void listen(ApiSession session) {
        feed = EventStream.open(web.port(), session);
    }

    private JsonNode next(String name) throws InterruptedException {
        return feed.next(name, WAIT);
    }

    @Test
    void greetsThenPushesANewEntryAndItsAlertAfterIngestSaysSo() throws Exception {
        listen(admin);
        assertEquals("admin", next("hello").get("user").textValue());

        EntryMessage e = SampleEntries.entry("north-gate", 1, "deny-fever", "440524********0014", 38.3);
        SampleEntries.store(web.store, e, WebFixture.START);
        web.dashboard.events().entryStored(e.gate(), e.epoch(), e.seq());
        web.dashboard.events().alertsChanged(e.gate());
        web.dashboard.events().gateChanged(e.gate());

        JsonNode entry = next("entry");
        assertEquals(e.id(), entry.get("id").textValue());
        assertEquals("440524********0014", entry.get("credential").get("masked").textValue());
        JsonNode alert = next("alert");
        assertEquals(e.id(), alert.get("entry_id").textValue());
        assertEquals("high", alert.get("severity").textValue());
        JsonNode gates = next("gates");
        assertEquals("north-gate", gates.get("gates").get(0).get("id").textValue());
    }

    @Test
    void pushesAnAcknowledgementToEveryOpenPage() throws Exception {
        EntryMessage e = SampleEntries.entry("north-gate", 1, "deny-fever", "440524********0014", 38.3);
        SampleEntries.store(web.store, e, WebFixture.START);
        ApiSession observer = web.account("watcher", "observer");
        listen(observer);
        next("hello");
        long id = admin.getJson("/api/alerts").get("alerts").get(0).get("id").longValue();

        admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", "on my way"));

        JsonNode update = next("alert-update");
        assertEquals(id, update.get("id").longValue());
        assertEquals("admin", update.get("acknowledged_by").textValue());
        assertEquals("on my way", update.get("actions").get(0).get("note").textValue());
    }

    @Test
    void doesNotCountTheStreamAsActivitySoAnUnattendedPageIsSignedOut() throws Exception {
        listen(admin);
        next("hello");

        web.clock.advance(WebFixture.IDLE);

        assertEquals(401, admin.get("/api/session").statusCode(), "only the stream was open: the session ended");
        HttpResponse<String> again = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.port() + "/api/events"))
                                .header("Cookie", admin.cookie())
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, again.statusCode());
        assertNotNull(again.body());
        assertTrue(again.body().contains("not signed in"));
    }

    @Test
    void readsNothingFromTheStoreForEntriesWhileNoPageIsOpen() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        EntrySearch search = web.storage.entrySearch();
        EntrySearch counting = new EntrySearch() {
            @Override
            public List<EntryView> entries(EntryQuery q, int limit) throws StoreException {
                return search.entries(q, limit);
            }

            @Override
            public List<EntryView> entriesAfter(EntryQuery q, Optional<EntryKey> after, int pageSize)
                    throws StoreException {
                return search.entriesAfter(q, after, pageSize);
            }

            @Override
            public long count(EntryQuery q) throws StoreException {
                return search.count(q);
            }

            @Override
            public Optional<EntryView> entry(String gate, String epoch, long seq) throws StoreException {
                reads.incrementAndGet();
                return search.entry(gate, epoch, seq);
            }

            @Override
            public List<DecisionCount> decisionCounts(Instant from, Instant to, Optional<String> gate)
                    throws StoreException {
                return search.decisionCounts(from, to, gate);
            }

            @Override
            public List<EntryTally> entryTallies(Instant from, Instant to) throws StoreException {
                return search.entryTallies(from, to);
            }
        };
        Sessions sessions = new Sessions(web.storage.sessions(), web.clock, WebFixture.IDLE);
        try (LiveFeed feed = new LiveFeed(web.store, counting, web.storage.alertActions(), sessions, web.clock)) {
            for (long seq = 1; seq <= 200; seq++) {
                EntryMessage e = SampleEntries.entry("north-gate", seq, "admit", "110105********002X", 36.5);
                SampleEntries.store(web.store, e, WebFixture.START);
                feed.entryStored(e.gate(), e.epoch(), e.seq());
            }
            // The feed's thread runs its tasks in order: once this one ran, every flush for the entries above has.
            CompletableFuture<Void> drained = new CompletableFuture<>();
            feed.runOnFeedThread(() -> drained.complete(null));
            drained.get(5, TimeUnit.SECONDS);
            assertEquals(0, reads.get(), "no page is open: nothing to read for it");
        }
    }

    @Test
    void oneTimerServesEveryThrottledPushUntilAnEarlierOneIsNeeded() throws Exception {
        Sessions sessions = new Sessions(web.storage.sessions(), web.clock, WebFixture.IDLE);
        try (LiveFeed feed =
                new LiveFeed(web.store, web.storage.entrySearch(), web.storage.alertActions(), sessions, web.clock)) {
            CompletableFuture<int[]> armed = new CompletableFuture<>();
            feed.runOnFeedThread(() -> {
                int before = feed.wakesArmed();
                long later = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                for (int i = 0; i < 100; i++) {
                    feed.wakeAt(later);
                }
                int afterSame = feed.wakesArmed() - before;
                feed.wakeAt(later - TimeUnit.SECONDS.toNanos(10));
                feed.wakeAt(later);
                armed.complete(new int[] {afterSame, feed.wakesArmed() - before});
            });
            int[] counts = armed.get(5, TimeUnit.SECONDS);
            assertEquals(1, counts[0], "a hundred throttled pushes for the same time: one timer");
            assertEquals(2, counts[1], "an earlier time needs its own timer; a later one is covered by it");
        }
    }
}
