package org.gatepost.hub.shift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.gatepost.hub.store.DutyEvent;
import org.junit.jupiter.api.Test;

class ShiftsTest {
    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    private static DutyEvent event(String gate, int minute, String decision, String badge) {
        return new DutyEvent(
                gate, gate + "-" + minute, T.plusSeconds(60L * minute), decision, badge, "m-" + badge, "volunteer");
    }

    @Test
    void aSignInToTheSameBadgesSignOutIsOneShift() {
        List<Shift> s = Shifts.of(List.of(event("g", 0, "sign-in", "a"), event("g", 30, "sign-out", "a")));

        assertEquals(1, s.size());
        assertEquals(T, s.getFirst().start());
        assertEquals(T.plusSeconds(1800), s.getFirst().end());
        assertEquals(Shift.SIGN_OUT, s.getFirst().endedBy());
    }

    @Test
    void aSignInWithoutSignOutEndsAtTheSameBadgesNextSignInOrStaysOpen() {
        List<Shift> s = Shifts.of(
                List.of(event("g", 0, "sign-in", "a"), event("g", 5, "sign-in", "b"), event("g", 60, "sign-in", "a")));

        assertEquals(3, s.size());
        assertEquals(Shift.NEXT_SIGN_IN, s.get(0).endedBy());
        assertEquals(T.plusSeconds(3600), s.get(0).end());
        assertTrue(s.get(1).open(), "b never signed out");
        assertTrue(s.get(2).open());
    }

    @Test
    void aSignOutWithoutASignInIsIgnoredAndGatesAreSeparate() {
        List<Shift> s = Shifts.of(
                List.of(event("g", 0, "sign-out", "a"), event("g", 1, "sign-in", "a"), event("h", 2, "sign-out", "a")));

        assertEquals(1, s.size());
        assertTrue(s.getFirst().open(), "a sign-out at another gate does not end it");
    }

    @Test
    void theHandOverShiftIsTheLatestOpenOneElseTheLastEnded() {
        List<Shift> open = Shifts.of(List.of(
                event("g", 0, "sign-in", "a"), event("g", 10, "sign-in", "b"), event("g", 20, "sign-out", "b")));
        List<Shift> closed = Shifts.of(List.of(
                event("g", 0, "sign-in", "a"),
                event("g", 10, "sign-in", "b"),
                event("g", 20, "sign-out", "b"),
                event("g", 15, "sign-out", "a")));

        assertEquals("a", Shifts.current(open, "g").orElseThrow().badgeHash());
        assertEquals("b", Shifts.current(closed, "g").orElseThrow().badgeHash());
        assertTrue(Shifts.current(open, "x").isEmpty());
    }

    @Test
    void overlappingKeepsShiftsTouchingTheWindowNewestFirst() {
        List<Shift> s = Shifts.of(List.of(
                event("g", 0, "sign-in", "a"), event("g", 10, "sign-out", "a"), event("g", 20, "sign-in", "b")));

        assertEquals(
                List.of("b"),
                Shifts.overlapping(s, T.plusSeconds(600), null).stream()
                        .map(Shift::badgeHash)
                        .toList());
        assertEquals(
                List.of("b", "a"),
                Shifts.overlapping(s, null, null).stream().map(Shift::badgeHash).toList());
        assertEquals(
                List.of("a"),
                Shifts.overlapping(s, null, T.plusSeconds(60)).stream()
                        .map(Shift::badgeHash)
                        .toList());
        assertNull(
                Shifts.overlapping(s, T.plusSeconds(30 * 60), null).getFirst().end(), "b is open");
    }
}
