package org.gatepost.hub.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** The ingest counters, updated after commits on the ingest thread and read from any thread. */
final class IngestCounters {
    final AtomicLong entriesStored = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong statuses = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong storeFailures = new AtomicLong();
    final AtomicLong ackFailures = new AtomicLong();

    IngestStats snapshot(int queued) {
        return new IngestStats(
                entriesStored.get(),
                duplicates.get(),
                statuses.get(),
                deadLetters.get(),
                storeFailures.get(),
                ackFailures.get(),
                queued);
    }
}
