package org.gatepost.agent.uplink;

/**
 * Carries committed entries from the store to the hub and applies the hub's acknowledgements; our narrow
 * seam in front of the MQTT client. It never loses an entry: anything not acknowledged by the hub is
 * published again after a reconnect, a restart or a silence of the hub.
 *
 * <p>Thread safe. {@link #wake()} and {@link #state()} never block and may be called from any thread.
 */
public interface Uplink extends AutoCloseable {

    /** Starts connecting and delivering in the background; returns at once. Call once. */
    void start();

    /** A new entry was committed to the store: publish it soon. Never blocks. */
    void wake();

    /** The current state; never blocks. */
    UplinkState state();

    /**
     * Clean shutdown: while connected, first publishes what is pending for a bounded time (the shutdown
     * flush), then stops publishing, announces the gate offline (reason {@code shutdown}) and disconnects.
     * Blocks for the flush time plus a few seconds at most. Idempotent.
     */
    @Override
    void close();
}
