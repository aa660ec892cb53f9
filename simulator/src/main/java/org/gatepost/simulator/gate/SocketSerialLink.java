package org.gatepost.simulator.gate;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.gatepost.agent.device.serial.SerialLink;

/** The device side of a serial-over-TCP link: an accepted socket carrying raw serial bytes. */
final class SocketSerialLink implements SerialLink {
    private final Socket socket;
    private final String name;

    SocketSerialLink(Socket socket, int readTimeoutMillis) throws IOException {
        this.socket = socket;
        this.name = "tcp-device:" + socket.getLocalPort();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(readTimeoutMillis);
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        try {
            int n = socket.getInputStream().read(buffer, offset, len);
            if (n < 0) {
                throw new IOException("agent disconnected from " + name);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        socket.getOutputStream().write(data);
        socket.getOutputStream().flush();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
