package org.gatepost.agent.console;

import java.time.Duration;
import java.time.Instant;
import org.gatepost.agent.uplink.UplinkState;

/**
 * Whether the console shows the hub online: the gate is connected to the broker <em>and</em> has heard from the hub
 * within {@link #FRESH_FACTOR} times the hub's republish interval. Heard means: an acknowledgement that advanced
 * ({@link UplinkState#lastAckAt()}), or a pending-retests message published after the first one of this run (the
 * hub republishes it every 30 s, {@code docs/mqtt.md}, Pending retests). A broker without a running hub keeps
 * the retained messages but sends nothing new, so it shows as "hub silent". Immutable; stateless checks.
 *
 * @param online      connected and heard from within {@code freshFor}
 * @param connected   connected to the broker
 * @param lastHeardAt the later of the two; null when neither happened during this run
 * @param freshFor    {@link #FRESH_FACTOR} × the hub's republish interval (× 30 s before the hub said)
 */
public record HubPresence(boolean online, boolean connected, Instant lastHeardAt, Duration freshFor) {
    /** Republish intervals without word from the hub before the console no longer shows it online. */
    public static final int FRESH_FACTOR = 3;
    /** The hub's republish interval until its first message says it ({@code every_s}). */
    public static final Duration DEFAULT_EVERY = Duration.ofSeconds(30);

    /**
     * @param retestsHeardAt when a new pending-retests message arrived; null if none yet
     * @param every          the hub's republish interval from that message; null for {@link #DEFAULT_EVERY}
     */
    public static HubPresence of(UplinkState uplink, Instant retestsHeardAt, Duration every, Instant now) {
        Instant heard = later(uplink.lastAckAt(), retestsHeardAt);
        Duration freshFor = (every == null ? DEFAULT_EVERY : every).multipliedBy(FRESH_FACTOR);
        boolean fresh = heard != null && now.isBefore(heard.plus(freshFor));
        return new HubPresence(uplink.connected() && fresh, uplink.connected(), heard, freshFor);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
