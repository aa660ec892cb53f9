package org.gatepost.simulator.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Many simulated gates publishing entries at once, each over its own MQTT 3.1.1 connection, all driven by one
 * thread with non-blocking sockets (a thousand Paho clients would need three or four thousand threads on a
 * two-core machine and measure Paho rather than the hub). Each gate publishes its payloads in order at QoS 1,
 * one awaiting its PUBACK at a time; together they offer {@code ratePerSecond} messages a second, spread evenly
 * over the gates and over time (0: as fast as the broker acknowledges). Speaks just what that needs:
 * CONNECT/CONNACK and PUBLISH/PUBACK. Not thread safe; {@link #run} blocks until every message is acknowledged,
 * {@code stop} says so, or the timeout.
 */
final class MqttLoadGenerator {
    /** One gate: its client id, topic and payloads in publishing order. */
    record Gate(String clientId, String topic, List<byte[]> payloads) {}

    /** Seconds from the first PUBLISH to the last PUBACK (or the stop), and the messages acknowledged. */
    record Result(double seconds, long acknowledged) {
        double perSecond() {
            return acknowledged / seconds;
        }
    }

    private static final int CONNECT = 0x10;
    private static final int CONNACK = 0x20;
    private static final int PUBLISH_QOS1 = 0x32;
    private static final int PUBACK = 0x40;

    private MqttLoadGenerator() {}

    static Result run(int brokerPort, List<Gate> gates, double ratePerSecond, Duration timeout, BooleanSupplier stop)
            throws IOException {
        try (Selector selector = Selector.open()) {
            List<Conn> conns = new ArrayList<>();
            for (Gate g : gates) {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                Conn c = new Conn(g, ch);
                conns.add(c);
                ch.connect(new InetSocketAddress("127.0.0.1", brokerPort));
                ch.register(selector, SelectionKey.OP_CONNECT, c);
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            loop(selector, deadline, null, () -> conns.stream().allMatch(c -> c.connected), () -> false, "connect");
            Schedule schedule = new Schedule(conns, ratePerSecond, System.nanoTime());
            long t0 = schedule.t0;
            loop(selector, deadline, schedule, () -> conns.stream().allMatch(Conn::done), stop, "publish");
            long nanos = System.nanoTime() - t0;
            long acked = conns.stream().mapToLong(c -> c.acked).sum();
            for (Conn c : conns) {
                c.channel.close();
            }
            return new Result(nanos / 1e9, acked);
        }
    }

    /**
     * When each message falls due: the i-th of the whole stream at {@code t0 + i / rate}, gates taken in turn
     * (gate {@code i % gates}), so the load is even over the gates and over time.
     */
    private static final class Schedule {
        final List<Conn> conns;
        final double slotNanos;
        final long t0;
        final long slots;
        long slot;

        Schedule(List<Conn> conns, double ratePerSecond, long t0) {
            this.conns = conns;
            this.slotNanos = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
            this.t0 = t0;
            this.slots = (long) conns.size()
                    * conns.stream()
                            .mapToInt(c -> c.gate.payloads().size())
                            .max()
                            .orElse(0);
        }

        /** Hands every message due by {@code now} to its gate; returns when the next falls due (MAX_VALUE: none left). */
        long release(long now) {
            while (slot < slots) {
                long due = t0 + (long) (slot * slotNanos);
                if (now - due < 0) {
                    return due;
                }
                conns.get((int) (slot % conns.size())).owe();
                slot++;
            }
            return Long.MAX_VALUE;
        }
    }

    private static void loop(
            Selector selector,
            long deadline,
            Schedule schedule,
            BooleanSupplier finished,
            BooleanSupplier stop,
            String phase)
            throws IOException {
        while (!finished.getAsBoolean() && !stop.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IOException("load generator timed out in its " + phase + " phase");
            }
            long now = System.nanoTime();
            long wake = schedule == null ? Long.MAX_VALUE : schedule.release(now);
            long waitMillis = wake == Long.MAX_VALUE ? 100 : Math.max(0, (wake - now) / 1_000_000);
            if (waitMillis == 0) {
                selector.selectNow();
            } else {
                selector.select(Math.min(100, waitMillis));
            }
            for (SelectionKey k : selector.selectedKeys()) {
                Conn c = (Conn) k.attachment();
                if (k.isConnectable()) {
                    c.finishConnect(k);
                }
                if (k.isValid() && k.isReadable()) {
                    c.read();
                }
                if (k.isValid() && k.isWritable()) {
                    c.write();
                }
            }
            selector.selectedKeys().clear();
        }
    }

    /** One gate's connection. */
    private static final class Conn {
        private final Gate gate;
        private final SocketChannel channel;
        private final byte[] topic;
        private int owed;
        private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
        private final ByteBuffer in = ByteBuffer.allocate(4096);
        private SelectionKey key;
        private boolean connected;
        private int next;
        private int inFlight;
        private long acked;
        private int packetId;

        Conn(Gate gate, SocketChannel channel) {
            this.gate = gate;
            this.channel = channel;
            this.topic = gate.topic().getBytes(StandardCharsets.UTF_8);
        }

        /** One more message of this gate is due. */
        void owe() {
            owed++;
            sendIfFree();
        }

        /** Sends the next due message unless one still awaits its PUBACK. */
        private void sendIfFree() {
            if (owed == 0 || inFlight > 0 || next >= gate.payloads().size()) {
                return;
            }
            out.add(publishPacket(gate.payloads().get(next++)));
            owed--;
            inFlight++;
            key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        boolean done() {
            return acked == gate.payloads().size();
        }

        void finishConnect(SelectionKey k) throws IOException {
            key = k;
            channel.finishConnect();
            out.add(connectPacket(gate.clientId()));
            k.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }

        void write() throws IOException {
            while (!out.isEmpty()) {
                ByteBuffer b = out.peek();
                channel.write(b);
                if (b.hasRemaining()) {
                    return;
                }
                out.poll();
            }
            key.interestOps(SelectionKey.OP_READ);
        }

        void read() throws IOException {
            if (channel.read(in) < 0) {
                throw new IOException("broker closed the connection of " + gate.clientId());
            }
            in.flip();
            while (true) {
                in.mark();
                if (in.remaining() < 2) {
                    break;
                }
                int type = in.get() & 0xF0;
                int length = remainingLength(in);
                if (length < 0 || in.remaining() < length) {
                    in.reset();
                    break;
                }
                in.position(in.position() + length);
                if (type == CONNACK) {
                    connected = true;
                } else if (type == PUBACK) {
                    acked++;
                    inFlight--;
                    sendIfFree();
                }
            }
            in.compact();
            if (!out.isEmpty()) {
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
            }
        }

        private ByteBuffer publishPacket(byte[] payload) {
            packetId = packetId % 0xFFFF + 1;
            int remaining = 2 + topic.length + 2 + payload.length;
            ByteArrayOutputStream b = new ByteArrayOutputStream(5 + remaining);
            b.write(PUBLISH_QOS1);
            writeLength(b, remaining);
            b.write(topic.length >> 8);
            b.write(topic.length);
            b.writeBytes(topic);
            b.write(packetId >> 8);
            b.write(packetId);
            b.writeBytes(payload);
            return ByteBuffer.wrap(b.toByteArray());
        }
    }

    private static ByteBuffer connectPacket(String clientId) {
        byte[] id = clientId.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream v = new ByteArrayOutputStream();
        v.writeBytes(new byte[] {0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 0}); // level 4, clean session, no keep-alive
        v.write(id.length >> 8);
        v.write(id.length);
        v.writeBytes(id);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(CONNECT);
        writeLength(b, v.size());
        b.writeBytes(v.toByteArray());
        return ByteBuffer.wrap(b.toByteArray());
    }

    private static void writeLength(ByteArrayOutputStream b, int length) {
        do {
            int digit = length % 128;
            length /= 128;
            b.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    /** The remaining-length field, or -1 if it is not complete yet. */
    private static int remainingLength(ByteBuffer in) {
        int value = 0;
        int multiplier = 1;
        for (int i = 0; i < 4; i++) {
            if (!in.hasRemaining()) {
                return -1;
            }
            int digit = in.get() & 0xFF;
            value += (digit & 0x7F) * multiplier;
            if ((digit & 0x80) == 0) {
                return value;
            }
            multiplier *= 128;
        }
        return -1;
    }
}
