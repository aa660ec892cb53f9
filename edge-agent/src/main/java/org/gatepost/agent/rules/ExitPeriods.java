package org.gatepost.agent.rules;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.gatepost.agent.contract.ListPolicy;

/**
 * Quota periods and exit windows in the gate's local time zone: a day from local midnight, a week from Monday
 * 00:00; windows {@code [start, end)} by the minute of the local day. Stateless.
 */
public final class ExitPeriods {
    private ExitPeriods() {}

    /** The start of the period containing {@code now}. */
    public static Instant start(ListPolicy.ExitQuota.Period period, Instant now, ZoneId zone) {
        ZonedDateTime local = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        if (period == ListPolicy.ExitQuota.Period.WEEK) {
            local = local.toLocalDate()
                    .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                    .atStartOfDay(zone);
        }
        return local.toInstant();
    }

    /** The end (exclusive) of the period containing {@code now}. */
    public static Instant end(ListPolicy.ExitQuota.Period period, Instant now, ZoneId zone) {
        ZonedDateTime start = start(period, now, zone).atZone(zone);
        return (period == ListPolicy.ExitQuota.Period.WEEK ? start.plusWeeks(1) : start.plusDays(1)).toInstant();
    }

    /** Whether {@code now} falls in one of the windows; any time when there are none. */
    public static boolean inWindow(ListPolicy.ExitQuota quota, Instant now, ZoneId zone) {
        if (quota.windows().isEmpty()) {
            return true;
        }
        ZonedDateTime local = now.atZone(zone);
        int minute = local.getHour() * 60 + local.getMinute();
        for (ListPolicy.Window w : quota.windows()) {
            if (w.contains(minute)) {
                return true;
            }
        }
        return false;
    }
}
