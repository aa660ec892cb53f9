package org.gatepost.agent.device.serial;

import com.fazecast.jSerialComm.SerialPort;

/**
 * Runs a program's stop before jSerialComm closes the serial ports. jSerialComm registers its own JVM shutdown
 * hook that closes every open port; JVM hooks run concurrently, so a program stopping in its own hook would see
 * its links fail under its readers (and log them as lost) while it stops them. A stop registered here runs to
 * its end first, inside jSerialComm's hook, and the ports are closed after it.
 */
public final class SerialShutdown {
    private SerialShutdown() {}

    /**
     * Registers {@code stop} to run once at JVM shutdown, before jSerialComm closes its ports. Where jSerialComm's
     * native library cannot load (no serial port can be open then either) it becomes a plain JVM shutdown hook.
     */
    public static void register(Thread stop) {
        try {
            SerialPort.addShutdownHook(stop);
        } catch (LinkageError e) {
            Runtime.getRuntime().addShutdownHook(stop);
        }
    }
}
