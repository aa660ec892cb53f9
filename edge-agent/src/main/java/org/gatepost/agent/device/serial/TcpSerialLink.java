package org.gatepost.agent.device.serial;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SerialLink} to a serial device server (ser2net, a USR-TCP232 box, the simulator) over raw TCP:
 * the bytes of the serial line, nothing else. The baud rate is the server's business.
 */
public final class TcpSerialLink implements SerialLink {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TcpSerialLink(Socket socket, String name) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.name = name;
    }

    /** Connects to {@code tcp://host:port}; connect and read timeouts in milliseconds. */
    public static TcpSerialLink open(String url, int connectTimeoutMillis, int readTimeoutMillis) throws IOException {
        URI uri = URI.create(url);
        if (!"tcp".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 1) {
            throw new IOException("not a tcp://host:port address: " + url);
        }
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), connectTimeoutMillis);
            s.setSoTimeout(readTimeoutMillis);
            return new TcpSerialLink(s, url);
        } catch (IOException e) {
            s.close();
            throw new IOException("cannot connect to serial device server " + url + ": " + e.getMessage(), e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        try {
            int n = in.read(buffer, offset, len);
            if (n < 0) {
                close();
                throw new IOException("serial device server closed the connection: " + name);
            }
            return n;
        } catch (SocketTimeoutException e) {
            return 0;
        }
    }

    @Override
    public void write(byte[] data) throws IOException {
        out.write(data);
        out.flush();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing a dead socket: nothing to do
            }
        }
    }
}
