package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A gate as the dashboard shows it. Nullable: {@code reason}, {@code boot}, {@code epoch},
 * {@code lastStatusAt}, {@code lastEntryAt}.
 *
 * @param entriesSince entries received since the instant given to {@link HubStore#gates(Instant)}
 * @param ackedUpTo    the acknowledged high-water mark for {@code epoch} (0: none)
 * @param openAlerts   alerts neither resolved nor acknowledged
 */
public record GateView(
        String gate,
        String state,
        String reason,
        String boot,
        String epoch,
        Instant lastStatusAt,
        Instant lastEntryAt,
        long entryCount,
        long entriesSince,
        long ackedUpTo,
        long openAlerts) {}
