package org.gatepost.hub.ingest;

/**
 * Told after ingest commits something the dashboard shows, so open pages update at once. A hint, not the
 * data: the listener reads what it needs from the store. Called on the ingest thread after the commit:
 * implementations must return quickly (hand off to their own thread) and must not throw.
 */
public interface HubEvents {
    /** Tells nobody. */
    HubEvents NONE = new HubEvents() {
        @Override
        public void entryStored(String gate, String epoch, long seq) {}

        @Override
        public void alertsChanged(String gate) {}

        @Override
        public void gateChanged(String gate) {}
    };

    /** A new entry was stored (not called for a duplicate). */
    void entryStored(String gate, String epoch, long seq);

    /** Alerts of the gate were raised or resolved. */
    void alertsChanged(String gate);

    /** The gate's state, progress, counts or health changed. */
    void gateChanged(String gate);

    /** A new {@code admit-visitor} entry of a one-use visitor pass was stored (the passes list may change). */
    default void passUsed(String passId) {}
}
