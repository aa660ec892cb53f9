package org.gatepost.hub.ingest;

/**
 * Told after each committed entry (new or duplicate) what the epoch's contiguous high-water mark is.
 * Called on the ingest thread: must return quickly and must not throw.
 */
@FunctionalInterface
public interface ProgressListener {
    void committed(String gate, String epoch, long upTo);
}
