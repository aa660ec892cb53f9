package org.gatepost.hub.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Shifts and the hand-over summary, from entries an agent publishes through the embedded broker and the hub's
 * real ingest. Two shifts at one gate: 王芳 (volunteer) 08:00–08:30 ended by her sign-out, with a quarantine
 * denial; then 赵强 (staff) from 08:40, still on duty, with an unknown credential and a fever. One hub serves the
 * class; only the hand-over test acknowledges an alert, and no other test looks at acknowledgements.
 */
class ShiftApiTest extends OneHubOnEachBackend {
    private static final String GATE = "east-gate";

    private static final Instant START = Instant.parse("2026-11-28T08:25:00Z");
    private MutableClock clock;
    private ApiSession admin;

    /** A new clock for each backend's hub (the instance serves both). */
    @Override
    protected Clock hubClock() {
        clock = new MutableClock(START);
        return clock;
    }

    @BeforeParameterizedClassInvocation
    void start() throws Exception {
        admin = ApiSession.admin(hub.httpPort());
        DutyEntries.importBadges(hub.httpPort(), admin.cookie(), admin.csrfToken());
        try (TestGateClient client = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            DutyEntries gate = new DutyEntries(client, GATE);
            gate.publish(1, "2026-11-28T08:00:00Z", "sign-in", DutyEntries.WANG, "volunteer");
            gate.publish(2, "2026-11-28T08:10:00Z", "admit", DutyEntries.RESIDENT, "resident");
            gate.publish(3, "2026-11-28T08:20:00Z", "deny-quarantine", DutyEntries.RESIDENT, "resident");
            awaitEntries(3);
            clock.advance(Duration.ofMinutes(35));
            gate.publish(4, "2026-11-28T08:30:00Z", "sign-out", DutyEntries.WANG, "volunteer");
            gate.publish(5, "2026-11-28T08:40:00Z", "sign-in", DutyEntries.ZHAO, "staff");
            gate.publish(6, "2026-11-28T08:50:00Z", "unknown", "320102198001011234", "unknown");
            gate.publish(7, "2026-11-28T08:55:00Z", "deny-fever", DutyEntries.RESIDENT, "resident");
            awaitEntries(7);
        }
    }

    private void awaitEntries(int n) throws Exception {
        Await.until(
                n + " entries stored",
                () -> hub.store().recentEntries(Optional.of(GATE), 100).size() == n);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).isNull() ? null : n.get(field).asText()));
        return out;
    }

    @Test
    void listsTheShiftsOfAGateNewestFirstWithNamesFromTheBadgesList() {
        JsonNode shifts = admin.getJson("/api/shifts?gate=" + GATE).get("shifts");

        assertEquals(List.of("赵强", "王芳"), texts(shifts, "name"));
        JsonNode zhao = shifts.get(0);
        assertTrue(zhao.get("open").booleanValue());
        assertEquals("2026-11-28T08:40:00.000Z", zhao.get("start").textValue());
        assertTrue(zhao.get("end").isNull());
        assertEquals("staff", zhao.get("role").textValue());
        JsonNode wang = shifts.get(1);
        assertEquals("2026-11-28T08:00:00.000Z", wang.get("start").textValue());
        assertEquals("2026-11-28T08:30:00.000Z", wang.get("end").textValue());
        assertEquals("sign-out", wang.get("ended_by").textValue());
        assertEquals("110105************", wang.get("masked").textValue());
    }

    @Test
    void filtersShiftsByTheTimeTheyOverlap() {
        assertEquals(
                List.of("赵强"),
                texts(
                        admin.getJson("/api/shifts?gate=" + GATE + "&from=2026-11-28T08:35:00Z")
                                .get("shifts"),
                        "name"));
        assertEquals(
                List.of("王芳"),
                texts(
                        admin.getJson("/api/shifts?from=2026-11-28T07:00:00Z" + "&to=2026-11-28T08:35:00Z")
                                .get("shifts"),
                        "name"));
        assertEquals(
                List.of(), texts(admin.getJson("/api/shifts?gate=other-gate").get("shifts"), "name"));
        assertEquals(
                400,
                admin.get("/api/shifts?from=2026-11-28T09:00:00Z&to=2026-11-28T08:00:00Z")
                        .statusCode());
    }

    @Test
    void theHandOverSummarisesTheCurrentShiftAndEveryAlertStillUnacknowledgedAtTheGate() {
        JsonNode alerts = admin.getJson("/api/alerts?gate=" + GATE).get("alerts");
        for (JsonNode a : alerts) {
            if (a.get("kind").textValue().equals("fever")) {
                assertEquals(
                        200,
                        admin.post(
                                        "/api/alerts/" + a.get("id").longValue() + "/acknowledge",
                                        Map.of("note", "sent home"))
                                .statusCode());
            }
        }

        JsonNode h = admin.getJson("/api/shifts/handover?gate=" + GATE);

        assertEquals("赵强", h.get("shift").get("name").textValue());
        assertEquals(List.of("赵强"), texts(h.get("on_duty"), "name"));
        assertEquals(3, h.get("entries").get("total").longValue());
        JsonNode byDecision = h.get("entries").get("by_decision");
        assertEquals(1, byDecision.get("sign-in").longValue());
        assertEquals(1, byDecision.get("unknown").longValue());
        assertEquals(1, byDecision.get("deny-fever").longValue());
        assertFalse(byDecision.has("deny-quarantine"), "that was the previous shift's");
        assertEquals(
                List.of("fever", "unknown-credential"),
                texts(h.get("alerts_raised"), "kind").stream().sorted().toList());
        assertEquals(
                List.of("quarantine-breach", "unknown-credential"),
                texts(h.get("unacknowledged"), "kind").stream().sorted().toList(),
                "the earlier shift's breach is still open; the fever was acknowledged");
    }

    @Test
    void neverShowsABadgeOrCredentialHash() {
        String body = admin.get("/api/shifts").body()
                + admin.get("/api/shifts/handover?gate=" + GATE).body();

        assertFalse(body.matches("(?s).*[0-9a-f]{64}.*"), body);
    }

    @Test
    void theHandOverNeedsAGateAndIsEmptyForAGateWithoutShifts() {
        assertEquals(400, admin.get("/api/shifts/handover").statusCode());
        JsonNode h = admin.getJson("/api/shifts/handover?gate=other-gate");
        assertTrue(h.get("shift").isNull());
        assertEquals(0, h.get("unacknowledged").size());
    }
}
