package org.gatepost.agent.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay from a free loopback port to {@code 127.0.0.1:<target>}, for network faults in tests:
 * {@link #cut()} drops every relayed connection at once, as a pulled cable or a dead router would, without
 * either side sending anything first. New connections are accepted again right away. Thread safe.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final Set<Pair> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();

    private TcpProxy(ServerSocket server, int targetPort) {
        this.server = server;
        this.targetPort = targetPort;
    }

    /** Starts relaying to {@code 127.0.0.1:targetPort}. */
    public static TcpProxy start(int targetPort) throws IOException {
        TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetPort);
        Thread.ofPlatform().name("tcp-proxy-" + proxy.port()).daemon(true).start(proxy::acceptLoop);
        return proxy;
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:<port>}. */
    public String url() {
        return "tcp://127.0.0.1:" + port();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Drops every relayed connection: the upstream side first, then the client side. */
    public void cut() {
        for (Pair p : open) {
            closeQuietly(p.upstream());
            closeQuietly(p.client());
            open.remove(p);
        }
    }

    @Override
    public void close() {
        closeQuietly(server);
        cut();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                }
                accepted.incrementAndGet();
                Pair pair = new Pair(client, upstream);
                open.add(pair);
                relay(pair, client, upstream);
                relay(pair, upstream, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void relay(Pair pair, Socket from, Socket to) {
        Thread.ofPlatform().daemon(true).start(() -> {
            byte[] buffer = new byte[8192];
            try (InputStream in = from.getInputStream();
                    OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // One side went away; closing both below ends the pair.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(pair);
            }
        });
    }

    private record Pair(Socket client, Socket upstream) {}

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
