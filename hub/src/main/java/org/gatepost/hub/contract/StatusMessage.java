package org.gatepost.hub.contract;

import java.time.Instant;

/**
 * One validated gate status (retained on {@code gates/{gate}/status}).
 *
 * @param state  {@link #ONLINE} or {@link #OFFLINE}
 * @param reason {@code connected}, {@code shutdown} or {@code lost} (the will)
 * @param at     when the agent made the message; for {@code lost}, the time of the connect that registered the will
 */
public record StatusMessage(String gate, String state, String reason, String epoch, String boot, Instant at) {
    public static final String ONLINE = "online";
    public static final String OFFLINE = "offline";
    public static final String REASON_CONNECTED = "connected";
    public static final String REASON_SHUTDOWN = "shutdown";
    public static final String REASON_LOST = "lost";

    public boolean online() {
        return ONLINE.equals(state);
    }
}
