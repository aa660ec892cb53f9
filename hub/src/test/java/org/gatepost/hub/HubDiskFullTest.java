package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.DiskFull;
import org.gatepost.hub.store.EntryView;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.gatepost.hub.testing.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13, item 1: the hub's disk fills up while it ingests. The hub's database lives on a real 64 MiB tmpfs
 * (mounting needs root: CI runs as root; otherwise the test reports itself skipped), a filler file takes the
 * rest of the space, then is deleted. While the disk is full {@code /api/health} answers 503 with
 * {@code store.disk_full}; afterwards the hub carries on by itself, with no restart, within a few seconds, and
 * holds every entry the gate published exactly once, plus a resolved {@code hub-disk-full} alert that open
 * dashboards are sent on the live feed.
 */
class HubDiskFullTest {
    private static final String GATE = "disk-gate";
    private static final int BEFORE = 100;
    private static final int TOTAL = 400;
    /**
     * Room for the WAL after the filler is gone: it grows by several pages per commit until a checkpoint at
     * {@code SqliteHubStore.WAL_AUTOCHECKPOINT_PAGES} (about 40 MB), so a 4 MiB disk fills again at once.
     */
    private static final int DISK_MIB = 64;
    /** From deleting the filler to every entry stored: the promise is "within seconds" (retry at most every 1 s). */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private Tmpfs mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Test
    void aFullDiskIsReportedAndTheHubResumesAloneWhenSpaceReturnsWithEveryEntryOnce() throws Exception {
        mounted = Tmpfs.mount(dir.resolve("small-disk"), DISK_MIB);
        Path small = mounted.dir();
        Path filler = small.resolve("filler");

        Map<String, String> keys = Map.of(
                "store.path",
                small.resolve("hub.db").toString(),
                "broker.data",
                dir.resolve("broker").toString());
        try (Hub hub = Hub.start(TestHubs.config(dir, keys), Clock.systemUTC());
                TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            ApiSession api = ApiSession.admin(hub.httpPort());
            publish(gate, 1, BEFORE);
            Await.until(BEFORE + " entries stored", () -> stored(hub) == BEFORE);

            long fillerBytes = fill(filler);
            publish(gate, BEFORE + 1, TOTAL);
            Await.until(
                    "the hub reports its disk full",
                    () -> hub.store().diskFull().isPresent());
            HttpResponse<String> probe = health(hub, Optional.empty());
            assertEquals(503, probe.statusCode(), "an unsigned probe sees the hub unhealthy: " + probe.body());
            assertEquals("{\"ok\":false,\"store\":{\"writable\":false}}", probe.body());
            JsonNode full = ApiSession.parse(health(hub, Optional.of(api)).body());
            assertFalse(full.get("ok").booleanValue());
            assertFalse(full.at("/store/ok").booleanValue());
            assertTrue(full.at("/store/disk_full/writes_refused").longValue() >= 1, full.toString());
            assertTrue(full.at("/store/disk_full/since").isTextual(), full.toString());
            assertTrue(full.at("/ingest/store_failures").longValue() >= 1, full.toString());
            long whileFull = stored(hub);
            assertTrue(whileFull < TOTAL, "the disk filled before everything was stored");
            long failures = full.at("/ingest/store_failures").longValue();
            Await.until(
                    "two more retries refused on the full disk",
                    () -> hub.ingestStats().storeFailures() >= failures + 2);
            assertEquals(whileFull, stored(hub), "nothing is stored while the disk is full");

            Queue<String> live = new ConcurrentLinkedQueue<>();
            HttpClient sse = HttpClient.newHttpClient();
            var stream = sse.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/events"))
                            .header("Cookie", api.cookie())
                            .header("Accept", "text/event-stream")
                            .build(),
                    HttpResponse.BodyHandlers.ofLines());
            stream.thenAccept(r -> r.body().forEach(live::add));
            Await.until("the live feed says hello", () -> live.contains("event: hello"));

            Files.delete(filler);
            long freedAt = System.nanoTime();
            Await.until("every entry stored after space returned", RECOVERY_BOUND, () -> stored(hub) == TOTAL);
            long recoveryMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - freedAt);

            Await.until("health ok again", () -> health(hub, Optional.empty()).statusCode() == 200);
            JsonNode ok = ApiSession.parse(health(hub, Optional.of(api)).body());
            assertTrue(ok.at("/store/ok").booleanValue(), ok.toString());
            assertTrue(ok.at("/store/disk_full").isNull(), ok.toString());
            List<EntryView> entries = hub.store().recentEntries(Optional.of(GATE), TOTAL + 10);
            assertEquals(
                    LongStream.rangeClosed(1, TOTAL).boxed().toList(),
                    entries.stream().map(EntryView::seq).sorted().toList(),
                    "every entry exactly once");
            Await.until(
                    "acknowledged up to the last entry", () -> hub.store().ackedUpTo(GATE, Contract.EPOCH) == TOTAL);
            Await.until(
                    "the disk-full alert recorded, resolved",
                    () -> diskFullAlert(api).isPresent());
            JsonNode alert = diskFullAlert(api).orElseThrow();
            assertTrue(alert.get("resolved_at").isTextual(), alert.toString());
            assertEquals(DiskFull.ALERT_GATE, alert.get("gate").textValue());
            Await.until(
                    "open dashboards are sent the alert",
                    () -> live.stream().anyMatch(l -> l.startsWith("data: ") && l.contains("hub-disk-full")));
            sse.shutdownNow(); // close() would wait for the stream, which the hub keeps open
            assertEquals(
                    200,
                    ApiSession.admin(hub.httpPort()).get("/api/health").statusCode(),
                    "a login works again (it writes the audit log)");
            System.out.printf(
                    "hub disk-full: tmpfs=%dMiB filler=%d bytes stored-before-full=%d stored-while-full=%d "
                            + "refused-writes=%d recovered-in=%d ms total=%d%n",
                    DISK_MIB,
                    fillerBytes,
                    BEFORE,
                    whileFull,
                    full.at("/store/disk_full/writes_refused").longValue(),
                    recoveryMs,
                    TOTAL);
        }
        assertEquals("ok", integrityCheck(small.resolve("hub.db")));
    }

    private static void publish(TestGateClient gate, long from, long to) throws Exception {
        for (long seq = from; seq <= to; seq++) {
            gate.publish(
                    Topics.entries(GATE),
                    Messages.bytes(Messages.entry(
                            GATE,
                            Contract.EPOCH,
                            seq,
                            Instant.parse("2026-11-28T08:00:00Z").plusSeconds(seq))));
        }
    }

    private static long stored(Hub hub) throws Exception {
        return hub.store().counts().entries();
    }

    /** Writes until the filesystem refuses another byte; returns how many it took. */
    private static long fill(Path filler) throws IOException {
        long written = 0;
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
                written += block.length;
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
        }
        return written;
    }

    private static Optional<JsonNode> diskFullAlert(ApiSession api) {
        for (JsonNode a : api.getJson("/api/alerts?limit=100").get("alerts")) {
            if (a.get("kind").textValue().equals("hub-disk-full")) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static HttpResponse<String> health(Hub hub, Optional<ApiSession> session) throws Exception {
        HttpRequest.Builder b =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/api/health"));
        session.ifPresent(s -> b.header("Cookie", s.cookie()));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private static String integrityCheck(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
