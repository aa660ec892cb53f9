package org.gatepost.hub.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.shift.Shift;
import org.gatepost.hub.shift.Shifts;
import org.gatepost.hub.store.DutyLog;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.EntryTally;
import org.gatepost.hub.store.StoreException;

/**
 * The daily report for the sub-district (docs/reports.md): for each day of the hub's zone in the range, one
 * {@link Row} per gate and then that day's total. The gates are those with an entry or a shift anywhere in the
 * range, the same on every day. Entries count on the day the hub received them (as in {@code /api/reports});
 * shifts by the gates' times, as in {@code /api/shifts}. The rows are built whole before a byte is sent (at
 * most {@value #MAX_DAYS} days times the gates), so a store failure is still a 503. Stateless.
 */
final class DailyReport {
    static final int MAX_DAYS = 92;
    /** The gate cell of a day's total row. */
    static final String TOTAL = "合计 Total";

    /** The fixed columns, in order: one bilingual header row (Chinese, then English). */
    static final List<String> HEADER = List.of(
            "日期 Day",
            "卡口 Gate",
            "进入 In",
            "外出 Out",
            "方向不明 Direction unknown",
            "记录总数 Entries",
            "发热 Fevers",
            "复测 Retests",
            "隔离人员外出 Quarantine breaches",
            "访客 Visitors",
            "特批放行 Overrides",
            "在岗志愿者 Volunteers on duty");

    /**
     * One row of the report; {@code gate} is null on a day's total row.
     *
     * @param in      passages (the gate opened; not a sign-in or sign-out) going in
     * @param unknown passages whose direction the gate did not know
     * @param onDuty  distinct badges with a shift overlapping the day (at this gate; at any gate on the total row)
     */
    record Row(
            LocalDate day,
            String gate,
            long in,
            long out,
            long unknown,
            long entries,
            long fevers,
            long retests,
            long quarantineBreaches,
            long visitors,
            long overrides,
            long onDuty) {
        /** The cells in the order of {@link #HEADER}: the day as text, the gate or {@link #TOTAL}, numbers. */
        List<Object> cells() {
            return List.of(
                    day.toString(),
                    gate == null ? TOTAL : gate,
                    in,
                    out,
                    unknown,
                    entries,
                    fevers,
                    retests,
                    quarantineBreaches,
                    visitors,
                    overrides,
                    onDuty);
        }
    }

    private DailyReport() {}

    /** @param now an open shift lasts until now: it is not on duty on days still to come */
    static List<Row> build(EntrySearch search, DutyLog duty, ZoneId zone, Instant now, LocalDate from, LocalDate to)
            throws StoreException {
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<Shift> shifts = Shifts.overlapping(
                Shifts.of(duty.events(Optional.empty(), Optional.of(end))),
                from.atStartOfDay(zone).toInstant(),
                end);
        Map<LocalDate, List<EntryTally>> byDay = new HashMap<>();
        Set<String> gates = new TreeSet<>();
        shifts.forEach(s -> gates.add(s.gate()));
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            List<EntryTally> tallies = search.entryTallies(
                    d.atStartOfDay(zone).toInstant(),
                    d.plusDays(1).atStartOfDay(zone).toInstant());
            tallies.forEach(t -> gates.add(t.gate()));
            byDay.put(d, tallies);
        }
        List<Row> rows = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Instant start = d.atStartOfDay(zone).toInstant();
            Instant next = d.plusDays(1).atStartOfDay(zone).toInstant();
            List<Shift> today = shifts.stream()
                    .filter(s -> s.start().isBefore(next) && (s.open() ? now : s.end()).isAfter(start))
                    .toList();
            Counts total = new Counts();
            for (String gate : gates) {
                Counts c = new Counts();
                byDay.get(d).stream().filter(t -> t.gate().equals(gate)).forEach(t -> {
                    c.add(t);
                    total.add(t);
                });
                rows.add(c.row(
                        d,
                        gate,
                        today.stream()
                                .filter(s -> s.gate().equals(gate))
                                .map(Shift::badgeHash)
                                .distinct()
                                .count()));
            }
            Set<String> onDuty = new HashSet<>();
            today.forEach(s -> onDuty.add(s.badgeHash()));
            rows.add(total.row(d, null, onDuty.size()));
        }
        return rows;
    }

    /** The entry counts of one row. */
    private static final class Counts {
        private long in;
        private long out;
        private long unknown;
        private long entries;
        private final Map<String, Long> byDecision = new HashMap<>();

        void add(EntryTally t) {
            entries += t.count();
            byDecision.merge(t.decision(), t.count(), Long::sum);
            boolean duty = EntryMessage.DECISION_SIGN_IN.equals(t.decision())
                    || EntryMessage.DECISION_SIGN_OUT.equals(t.decision());
            if (!t.admitted() || duty) {
                return;
            }
            if ("in".equals(t.direction())) {
                in += t.count();
            } else if ("out".equals(t.direction())) {
                out += t.count();
            } else {
                unknown += t.count();
            }
        }

        private long of(String decision) {
            return byDecision.getOrDefault(decision, 0L);
        }

        Row row(LocalDate day, String gate, long onDuty) {
            return new Row(
                    day,
                    gate,
                    in,
                    out,
                    unknown,
                    entries,
                    of(EntryMessage.DECISION_DENY_FEVER),
                    of(EntryMessage.DECISION_RETEST),
                    of(EntryMessage.DECISION_DENY_QUARANTINE),
                    of(EntryMessage.DECISION_VISITOR),
                    of(EntryMessage.DECISION_OVERRIDE),
                    onDuty);
        }
    }
}
