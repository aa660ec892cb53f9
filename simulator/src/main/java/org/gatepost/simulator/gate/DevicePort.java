package org.gatepost.simulator.gate;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.pty.SocatPtyPair;

/**
 * Where one emulated device meets the agent: a socat pty pair (the agent opens a device path through
 * jSerialComm, as on a Pi) or a TCP port (the agent connects to {@code tcp://127.0.0.1:port}, as to a serial
 * device server). {@link #agentPort()} is what goes into the agent's config; {@link #deviceLinks()} opens
 * the device end, blocking until the agent has connected in TCP mode.
 */
public final class DevicePort implements AutoCloseable {
    private static final int READ_TIMEOUT_MILLIS = 50;
    private final SocatPtyPair pty;
    private final ServerSocket server;

    private DevicePort(SocatPtyPair pty, ServerSocket server) {
        this.pty = pty;
        this.server = server;
    }

    public static DevicePort pty(Path dir, String name) throws IOException {
        return new DevicePort(SocatPtyPair.start(dir, name), null);
    }

    public static DevicePort tcp() throws IOException {
        return new DevicePort(null, new ServerSocket(0, 4, InetAddress.getLoopbackAddress()));
    }

    /** The port spec for the agent's configuration. */
    public String agentPort() {
        return pty != null ? pty.agentEnd().toString() : "tcp://127.0.0.1:" + server.getLocalPort();
    }

    public SerialLinkFactory deviceLinks(int baud) {
        if (pty != null) {
            return () -> JSerialCommLink.open(pty.deviceEnd().toString(), baud, READ_TIMEOUT_MILLIS);
        }
        return () -> new SocketSerialLink(server.accept(), READ_TIMEOUT_MILLIS);
    }

    /** The pty pair, or null in TCP mode (for unplug and replug). */
    public SocatPtyPair ptyPair() {
        return pty;
    }

    @Override
    public void close() {
        if (pty != null) {
            pty.close();
        }
        if (server != null) {
            try {
                server.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
