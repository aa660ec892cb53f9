package org.gatepost.agent.device.serial;

/**
 * Chooses the adapter for a configured port: {@code tcp://host:port} is a serial device server,
 * anything else a local device path opened through jSerialComm.
 */
public final class SerialLinks {
    /** Read timeout of links made here: short, so reader threads notice close() quickly. */
    public static final int READ_TIMEOUT_MILLIS = 100;

    public static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private SerialLinks() {}

    public static SerialLinkFactory factory(String portSpec, int baud) {
        if (portSpec.startsWith("tcp://")) {
            return () -> TcpSerialLink.open(portSpec, CONNECT_TIMEOUT_MILLIS, READ_TIMEOUT_MILLIS);
        }
        return () -> JSerialCommLink.open(portSpec, baud, READ_TIMEOUT_MILLIS);
    }
}
