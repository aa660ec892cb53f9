package org.gatepost.hub.shift;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gatepost.hub.store.DutyEvent;

/** Builds shifts from sign-in and sign-out entries. Pure and thread safe. */
public final class Shifts {
    private Shifts() {}

    /**
     * The shifts the events make, oldest start first. Per gate and badge: a sign-in opens a shift (ending an open
     * one of the same badge there, {@link Shift#NEXT_SIGN_IN}); a sign-out ends the open one
     * ({@link Shift#SIGN_OUT}) and is ignored when none is open.
     *
     * @param events in the gate's time order ({@code at}, then {@code seq})
     */
    public static List<Shift> of(List<DutyEvent> events) {
        Map<String, Integer> open = new HashMap<>();
        List<Shift> out = new ArrayList<>();
        for (DutyEvent e : events) {
            String key = e.gate() + '\u0000' + e.badgeHash();
            Integer i = open.remove(key);
            if (i != null) {
                out.set(i, out.get(i).endedAt(e.at(), e.signIn() ? Shift.NEXT_SIGN_IN : Shift.SIGN_OUT));
            }
            if (e.signIn()) {
                open.put(key, out.size());
                out.add(new Shift(e.gate(), e.badgeHash(), e.masked(), e.role(), e.at(), e.entryId(), null, null));
            }
        }
        out.sort(Comparator.comparing(Shift::start));
        return out;
    }

    /**
     * The shift a hand-over at {@code gate} is about: of the open shifts the one that started last, else the one
     * that ended last.
     */
    public static Optional<Shift> current(List<Shift> shifts, String gate) {
        Optional<Shift> open =
                shifts.stream().filter(s -> s.gate().equals(gate) && s.open()).max(Comparator.comparing(Shift::start));
        if (open.isPresent()) {
            return open;
        }
        return shifts.stream().filter(s -> s.gate().equals(gate)).max(Comparator.comparing(Shift::end));
    }

    /** The shifts overlapping {@code [from, to)}, newest start first. */
    public static List<Shift> overlapping(List<Shift> shifts, Instant from, Instant to) {
        return shifts.stream()
                .filter(s -> s.overlaps(from, to))
                .sorted(Comparator.comparing(Shift::start).reversed())
                .toList();
    }
}
