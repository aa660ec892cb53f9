package org.gatepost.simulator.bench;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gate's network link to the broker, as a loopback TCP relay on a port fixed in advance: down (nothing
 * listens, connects are refused) until {@link #up()}, then every connection is relayed to the broker. So an
 * agent can start and queue entries while "the broker is unreachable", and find it when the link comes up.
 */
final class GateLink implements AutoCloseable {
    private static final int BUFFER_BYTES = 64 * 1024;
    private final int port;
    private final int brokerPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private ServerSocket server;

    GateLink(int port, int brokerPort) {
        this.port = port;
        this.brokerPort = brokerPort;
    }

    String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Starts accepting and relaying. */
    synchronized void up() throws IOException {
        if (server != null) {
            return;
        }
        server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        ServerSocket s = server;
        Thread.ofPlatform().daemon().name("gate-link-" + port).start(() -> accept(s));
    }

    private void accept(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket client = s.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), brokerPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(broker);
                pipe(client, broker);
                pipe(broker, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("gate-link-pipe").start(() -> {
            byte[] buf = new byte[BUFFER_BYTES];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    out.write(buf, 0, n);
                }
            } catch (IOException e) {
                // one side went away: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
        }
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
