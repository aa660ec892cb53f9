package org.gatepost.hub.ingest;

/**
 * Counters since the hub started.
 *
 * @param entriesStored   new entries committed
 * @param duplicates      entries that were already stored
 * @param statuses        gate statuses processed
 * @param deadLetters     messages set aside as invalid
 * @param storeFailures   failed store attempts (each is retried)
 * @param ackFailures     MQTT acks that could not be sent
 * @param queued          messages waiting for the ingest thread now
 */
public record IngestStats(
        long entriesStored,
        long duplicates,
        long statuses,
        long deadLetters,
        long storeFailures,
        long ackFailures,
        int queued) {}
