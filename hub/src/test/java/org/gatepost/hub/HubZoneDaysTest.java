package org.gatepost.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.lists.ImportOutcome;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.RowError;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with {@code hub.zone=Asia/Shanghai} on a machine whose clock is UTC (the test's clock stands for it, so the
 * JVM's own default zone plays no part): midnight in Shanghai is 16:00Z. Two entries arrive through the embedded
 * broker and real ingest at 23:30 and 00:30 Shanghai time (15:30Z and 16:30Z, one UTC day); the test looks at 16:40Z
 * (00:40 on 8 December in Shanghai, still 7 December in UTC). A hub that counted UTC days would put both entries on
 * 7 December and end an "18:00" quarantine at 18:00Z, 8 hours late. SQLite only: the zone decides the instants the
 * hub asks the store for, and the store sees instants alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubZoneDaysTest {
    private static final String GATE = Contract.GATE;
    private static final String EPOCH = "0a0b0c0d0e0f1011";
    private static final Instant LATE_EVENING = Instant.parse("2026-12-07T15:30:00Z"); // 23:30 on 7 Dec in Shanghai
    private static final Instant AFTER_MIDNIGHT = Instant.parse("2026-12-07T16:30:00Z"); // 00:30 on 8 Dec in Shanghai
    private static final Instant NOW = Instant.parse("2026-12-07T16:40:00Z"); // 00:40 on 8 Dec in Shanghai

    private final MutableClock utc = new MutableClock(LATE_EVENING);
    private Hub hub;
    private ApiSession admin;
    private String startLog;

    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        Map<String, String> keys =
                new HashMap<>(Map.of("store.path", dir.resolve("hub.db").toString(), "hub.zone", "Asia/Shanghai"));
        PrintStream err = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            hub = Hub.start(TestHubs.config(dir, keys), utc);
        } finally {
            System.setErr(err);
        }
        startLog = logged.toString(StandardCharsets.UTF_8);
        err.print(startLog);
        admin = ApiSession.admin(hub.httpPort());
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            gate.publish(Topics.ROOT + GATE + "/entries", Contract.admitWithSeq(EPOCH, 1));
            awaitEntries(1);
            utc.advance(Duration.between(LATE_EVENING, AFTER_MIDNIGHT));
            gate.publish(Topics.ROOT + GATE + "/entries", Contract.admitWithSeq(EPOCH, 2));
            awaitEntries(2);
        }
        utc.advance(Duration.between(AFTER_MIDNIGHT, NOW));
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    private void awaitEntries(int n) throws Exception {
        Await.until(
                n + " entries stored",
                () -> hub.store().recentEntries(Optional.of(GATE), 100).size() == n);
    }

    @Test
    void theEntriesAreReceivedAtTheUtcInstantsEitherSideOfShanghaiMidnight() {
        JsonNode entries = admin.getJson("/api/entries?gate=" + GATE).get("entries");

        assertEquals(
                List.of("2026-12-07T16:30:00.000Z", "2026-12-07T15:30:00.000Z"),
                List.of(
                        entries.get(0).get("received_at").textValue(),
                        entries.get(1).get("received_at").textValue()));
    }

    @Test
    void countsDaysInHubZoneNotInTheSystemZoneAndWarnsOfNothing() {
        assertEquals(ZoneId.of("Asia/Shanghai"), hub.zone());
        assertFalse(startLog.contains("key=hub.zone"), startLog);
    }

    @Test
    void aReportPutsEntriesAt2330And0030ShanghaiTimeOnTheirOwnLocalDays() {
        JsonNode r = admin.getJson("/api/reports?from=2026-12-07&to=2026-12-08");

        assertEquals("Asia/Shanghai", r.get("zone").textValue());
        JsonNode days = r.get("days");
        assertEquals(2, days.size());
        assertEquals("2026-12-07", days.get(0).get("day").textValue());
        assertEquals(1, days.get(0).get("entries").longValue(), "23:30 on the 7th");
        assertEquals("2026-12-08", days.get(1).get("day").textValue());
        assertEquals(1, days.get(1).get("entries").longValue(), "00:30 on the 8th, not the 7th as in UTC");
        assertEquals(2, r.get("total").get("entries").longValue());
    }

    @Test
    void todayIsTheShanghaiDayThatBeganAt1600Z() {
        assertEquals(
                "2026-12-08",
                admin.getJson("/api/reports").get("to").textValue(),
                "the default range ends today in Shanghai (still the 7th in UTC)");
        JsonNode gates = admin.getJson("/api/gates");
        assertEquals("2026-12-07T16:00:00.000Z", gates.get("today_since").textValue());
        assertEquals("Asia/Shanghai", gates.get("zone").textValue());
        JsonNode gate = gates.get("gates").get(0);
        assertEquals(2, gate.get("entry_count").longValue());
        assertEquals(1, gate.get("entries_today").longValue(), "only the entry at 00:30 is today's");
    }

    @Test
    void anExportIsNamedWithTheHubsLocalTime() {
        HttpResponse<byte[]> r = admin.getBytes("/api/export/entries.csv?gate=" + GATE);

        assertEquals(200, r.statusCode());
        assertEquals(
                "attachment; filename=\"gatepost-entries-20261208-0040.csv\"",
                r.headers().firstValue("Content-Disposition").orElse(""));
    }

    @Test
    void aQuarantineEndingAt1800LocalEndsAt1000ZAndADateEndsAtTheNextShanghaiMidnight() throws Exception {
        String csv = "户,身份证号,隔离截止\n5-1-302,,2026-12-08 18:00\n5-1-303,,2026-12-08\n5-1-304,,2026-12-08 00:20\n";

        ImportOutcome outcome = hub.lists()
                .importCsv(
                        ListKind.QUARANTINE,
                        csv.getBytes(StandardCharsets.UTF_8),
                        Optional.empty(),
                        false,
                        "test",
                        "127.0.0.1");

        assertTrue(outcome.applied().isPresent(), outcome.report().toString());
        assertEquals(
                List.of(new RowError(4, "until", "has already passed")),
                outcome.report().errors(),
                "00:20 on the 8th in Shanghai was 20 minutes ago (in UTC it would be 7 h 40 min ahead)");
        Map<String, String> until = new HashMap<>();
        admin.getJson("/api/lists/quarantine")
                .get("quarantine")
                .forEach(i ->
                        until.put(i.get("household").textValue(), i.get("until").textValue()));
        assertEquals(
                Map.of("5-1-302", "2026-12-08T10:00:00.000Z", "5-1-303", "2026-12-08T16:00:00.000Z"),
                until,
                "18:00 in Shanghai is 10:00Z, not 18:00Z; the 8th ends at midnight in Shanghai, 16:00Z");
        assertEquals(ZoneOffset.UTC, utc.getZone(), "the machine's clock stayed UTC throughout");
    }
}
