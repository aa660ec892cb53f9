package org.gatepost.hub.config;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time zone in which the hub counts days: the reports' days, "today" of the gate cards and {@code /api/gates},
 * the end of a quarantine given as a local date or time, the time in an export's file name. It is
 * {@value HubConfig#KEY_HUB_ZONE} when set, else the system's zone. A hub on a UTC server without the key would
 * split a Chinese community's day at 08:00, so that case logs one WARN line at start. Stateless and thread safe.
 */
public final class HubZone {
    private static final Logger log = LoggerFactory.getLogger(HubZone.class);
    /** The zone the warning suggests. */
    static final String EXAMPLE = "Asia/Shanghai";

    private HubZone() {}

    /**
     * {@code configured} when present; else {@code system}, logging one WARN line when {@code system} is UTC or
     * another zone fixed at offset 0 ({@code Etc/UTC}, {@code GMT}, {@code Z}).
     */
    public static ZoneId resolve(Optional<ZoneId> configured, ZoneId system) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (offsetZero(system)) {
            log.warn(
                    "event=days-counted-in-utc fix=\"set hub.zone to the community's time zone\" key={} system_zone={} example={}",
                    HubConfig.KEY_HUB_ZONE,
                    system.getId(),
                    HubConfig.KEY_HUB_ZONE + "=" + EXAMPLE);
        }
        return system;
    }

    /** True for UTC and every zone whose offset is always 0; false for a zone that is at 0 only part of the year. */
    static boolean offsetZero(ZoneId zone) {
        ZoneRules rules = zone.getRules();
        return rules.isFixedOffset() && rules.getOffset(Instant.EPOCH).equals(ZoneOffset.UTC);
    }

    /** The zone as the API names it: {@code UTC} for the UTC offset, else the id ({@code Asia/Shanghai}). */
    public static String name(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }
}
