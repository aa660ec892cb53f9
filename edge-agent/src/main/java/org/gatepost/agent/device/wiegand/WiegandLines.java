package org.gatepost.agent.device.wiegand;

import java.io.Closeable;

/**
 * The two data lines of a Wiegand reader, D0 and D1, as a stream of pulse starts (falling edges). Small on
 * purpose, so a test can fake it; {@link org.gatepost.agent.gpio.Pi4jWiegandLines} is the GPIO implementation.
 *
 * <p>Implementations call the listener once per falling edge, in the order they saw the edges, never
 * concurrently with themselves, on a thread of their own choosing (a GPIO event thread, or the thread that
 * changed a simulated line). The listener must return quickly. Rising edges (pulse ends) are not reported.
 */
public interface WiegandLines extends Closeable {

    /** Receives pulse starts. Called as described on {@link WiegandLines}. */
    interface Listener {
        /**
         * A low pulse began on D0 ({@code bit} 0) or D1 ({@code bit} 1).
         *
         * @param nanos {@link System#nanoTime()} taken as close to the edge as the implementation can
         */
        void bit(int bit, long nanos);

        /** One line fell while the other was still low: not a bit; the frame in progress is noise. */
        void bothLow(long nanos);
    }

    /**
     * Starts reporting edges to {@code listener}; edges before this call are not reported.
     *
     * @throws IllegalStateException if a listener is already set or the lines are closed
     */
    void listen(Listener listener);

    /** Where the lines are, for health and logs, e.g. {@code gpio:d0=17,d1=27}. */
    String name();

    /** Stops reporting and releases the lines. Idempotent. */
    @Override
    void close();
}
