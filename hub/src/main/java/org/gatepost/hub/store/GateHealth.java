package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A gate's latest heartbeat as stored. Nullable: {@code oldestUnsentAgeS}, {@code storeError}.
 *
 * @param receivedAt  when the hub received it (the API's {@code last_heartbeat_at})
 * @param devicesJson the devices as a canonical JSON array
 * @param listsJson   the versions of the lists the gate holds, a JSON object; null when it did not say
 */
public record GateHealth(
        String gate,
        Instant receivedAt,
        String boot,
        String epoch,
        double intervalS,
        long lastSeq,
        long ackedUpTo,
        long backlog,
        Double oldestUnsentAgeS,
        long unrecorded,
        long storeBytes,
        long storeBudgetBytes,
        double storeUsedPct,
        String storeError,
        boolean clockSynced,
        String devicesJson,
        String listsJson) {}
