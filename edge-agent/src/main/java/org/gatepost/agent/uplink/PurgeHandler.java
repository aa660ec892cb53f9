package org.gatepost.agent.uplink;

import java.util.Optional;

/**
 * What the uplink does with the end-of-emergency purge (docs/mqtt.md, "End of the emergency"): it hands every
 * {@code purge} command (from the gate's {@code commands} topic or the hub's retained
 * {@value Topics#HUB_PURGE}) to {@link #received}, and while connected asks {@link #reportDue} for a report to publish,
 * retained, on {@code gatepost/v1/gates/{gateId}/purged}.
 */
public interface PurgeHandler {
    /** No purge: commands are logged and ignored. */
    PurgeHandler NONE = new PurgeHandler() {
        @Override
        public void received(byte[] payload) {}

        @Override
        public Optional<byte[]> reportDue() {
            return Optional.empty();
        }

        @Override
        public void reported(byte[] report) {}
    };

    /** A purge command's payload. Paho's callback thread: quick (one small SQLite write), never throws. */
    void received(byte[] payload);

    /**
     * The uplink thread, while connected, about once a second: does a pending purge when it can (this may block for
     * the seconds a rewrite of the database takes) and returns a report to publish, if one is due.
     */
    Optional<byte[]> reportDue();

    /** The uplink thread: {@code report} (as returned by {@link #reportDue}) was accepted by the broker. */
    void reported(byte[] report);
}
