package org.gatepost.agent.device;

/**
 * One device driver as the agent runs it: a thermometer or a credential reader. Every driver implements this
 * and nothing more is needed to start it, report its health and stop it; what it delivers (readings, reads)
 * goes to the listener given to its constructor.
 *
 * <p>{@link #health()} and {@link #close()} may be called from any thread; {@link #start()} once, from the
 * thread that built the driver.
 */
public interface Device extends AutoCloseable {
    /** The configured name ({@code thermometer}, {@code idcard} or a reader's name), as in logs and health. */
    String name();

    /** Starts the driver's thread and returns at once. Once only; not after {@link #close()}. */
    void start();

    /** A snapshot of the device's health now; never blocks on I/O. */
    DeviceHealth health();

    /** Stops the driver and releases its link, waiting a few seconds at most for its thread. Idempotent. */
    @Override
    void close();
}
