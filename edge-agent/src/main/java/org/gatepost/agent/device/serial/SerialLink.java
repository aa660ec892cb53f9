package org.gatepost.agent.device.serial;

import java.io.Closeable;
import java.io.IOException;

/**
 * A byte link to one serial device: a local UART through jSerialComm, a serial device server over TCP,
 * or an in-memory pair in unit tests.
 *
 * <p>{@link #read} blocks at most the link's read timeout and returns 0 when nothing arrived; it throws
 * {@link IOException} when the link is gone (device unplugged, peer closed), after which the link is
 * dead and the owner opens a new one through its {@link SerialLinkFactory}. One thread reads, one
 * thread writes; {@link #close} may be called from any thread, more than once.
 */
public interface SerialLink extends Closeable {

    /** Reads up to {@code len} bytes; returns the count read, 0 on timeout. Never returns -1. */
    int read(byte[] buffer, int offset, int len) throws IOException;

    /** Writes all of {@code data} or throws. */
    void write(byte[] data) throws IOException;

    /** The configured name of the link (device path or tcp:// URL), for logs. */
    String name();

    @Override
    void close();
}
