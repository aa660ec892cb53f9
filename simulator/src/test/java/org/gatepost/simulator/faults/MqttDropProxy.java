package org.gatepost.simulator.faults;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy between MQTT 3.1.1 clients and a broker that loses chosen messages in transit: a client's
 * PUBLISH whose topic and payload match the predicate is not forwarded, and the proxy answers the client
 * with the PUBACK the broker would have sent, so the client believes it was delivered. This is what a broker
 * restart losing an in-flight message looks like to the gate. Everything else passes byte for byte.
 */
final class MqttDropProxy implements AutoCloseable {
    private static final int PUBLISH = 3;
    private final ServerSocket server;
    private final String brokerHost;
    private final int brokerPort;
    private final Predicate<String> dropWhen;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile int dropBudget;
    private volatile boolean closed;

    /** Drops at most {@code budget} publishes for which {@code dropWhen.test(topic + " " + payload)} holds. */
    MqttDropProxy(String brokerHost, int brokerPort, Predicate<String> dropWhen, int budget) throws IOException {
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.brokerHost = brokerHost;
        this.brokerPort = brokerPort;
        this.dropWhen = dropWhen;
        this.dropBudget = budget;
        Thread t = new Thread(this::acceptLoop, "mqtt-drop-proxy");
        t.setDaemon(true);
        t.start();
    }

    String url() {
        return "tcp://127.0.0.1:" + server.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(brokerHost, brokerPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                Object clientWriteLock = new Object();
                start(() -> clientToBroker(client, broker, clientWriteLock));
                start(() -> pipe(broker, client, clientWriteLock));
            } catch (IOException e) {
                if (!closed) {
                    continue;
                }
                return;
            }
        }
    }

    private static void start(Runnable r) {
        Thread t = new Thread(r, "mqtt-drop-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    /** One MQTT control packet: fixed header byte, remaining-length bytes, body. Null at end of stream. */
    private record Packet(int header, byte[] length, byte[] body) {
        int type() {
            return header >> 4;
        }

        void writeTo(OutputStream out) throws IOException {
            out.write(header);
            out.write(length);
            out.write(body);
            out.flush();
        }
    }

    private static Packet read(InputStream in) throws IOException {
        int header = in.read();
        if (header < 0) {
            return null;
        }
        ByteArrayOutputStream lengthBytes = new ByteArrayOutputStream();
        int length = 0;
        int multiplier = 1;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
            lengthBytes.write(b);
            length += (b & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((b & 0x80) != 0);
        byte[] body = in.readNBytes(length);
        return body.length < length ? null : new Packet(header, lengthBytes.toByteArray(), body);
    }

    private void clientToBroker(Socket client, Socket broker, Object clientWriteLock) {
        try (client;
                broker) {
            InputStream in = client.getInputStream();
            OutputStream toBroker = broker.getOutputStream();
            OutputStream toClient = client.getOutputStream();
            Packet p;
            while ((p = read(in)) != null) {
                if (p.type() == PUBLISH && shouldDrop(p, toClient, clientWriteLock)) {
                    continue;
                }
                p.writeTo(toBroker);
            }
        } catch (IOException e) {
            // either side went away: the other pipe ends too
        }
    }

    private boolean shouldDrop(Packet p, OutputStream toClient, Object clientWriteLock) throws IOException {
        if (dropBudget <= 0) {
            return false;
        }
        byte[] body = p.body();
        int qos = (p.header() >> 1) & 0x03;
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int pos = 2 + topicLength;
        int packetId = -1;
        if (qos > 0) {
            packetId = ((body[pos] & 0xFF) << 8) | (body[pos + 1] & 0xFF);
            pos += 2;
        }
        String payload = new String(body, pos, body.length - pos, StandardCharsets.UTF_8);
        if (!dropWhen.test(topic + " " + payload)) {
            return false;
        }
        dropBudget--;
        dropped.incrementAndGet();
        if (qos == 1) {
            synchronized (clientWriteLock) {
                toClient.write(new byte[] {0x40, 0x02, (byte) (packetId >> 8), (byte) packetId});
                toClient.flush();
            }
        }
        return true;
    }

    private static void pipe(Socket from, Socket to, Object writeLock) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            Packet p;
            while ((p = read(in)) != null) {
                synchronized (writeLock) {
                    p.writeTo(out);
                }
            }
        } catch (IOException e) {
            // closed
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
