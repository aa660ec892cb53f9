package org.gatepost.agent.device.thermometer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code thermometer.baud=auto}: GY-MCU boards ship at 9600 or 115200 baud and the listings disagree, so the
 * link is opened at each candidate in turn, a query ({@code A5 15 BA}) is sent, and the first baud at which a
 * valid temperature frame comes back wins. The winner is tried first when the link is reopened.
 *
 * <p>Used as the driver's {@link SerialLinkFactory}; one thread calls {@link #open()} at a time.
 */
public final class BaudProbe implements SerialLinkFactory {
    public static final List<Integer> CANDIDATES = List.of(9600, 115200);
    public static final Duration ANSWER_WITHIN = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(BaudProbe.class);
    private final IntFunction<SerialLinkFactory> linksAtBaud;
    private final Duration answerWithin;
    private volatile int found;

    /** @param linksAtBaud opens the port at the given baud */
    public BaudProbe(IntFunction<SerialLinkFactory> linksAtBaud, Duration answerWithin) {
        this.linksAtBaud = linksAtBaud;
        this.answerWithin = answerWithin;
    }

    /** The baud the device answered at, 0 before the first successful probe. */
    public int foundBaud() {
        return found;
    }

    @Override
    public SerialLink open() throws IOException {
        List<Integer> order = new ArrayList<>(CANDIDATES);
        if (found != 0) {
            order.remove(Integer.valueOf(found));
            order.add(0, found);
        }
        IOException last = null;
        for (int baud : order) {
            SerialLink link;
            try {
                link = linksAtBaud.apply(baud).open();
            } catch (IOException e) {
                throw e; // the port itself is missing: no point trying another baud
            }
            try {
                if (answers(link)) {
                    if (found != baud) {
                        LOG.info("event=baud-found device=thermometer port={} baud={}", link.name(), baud);
                    }
                    found = baud;
                    return link;
                }
                LOG.debug("event=baud-probe-silent port={} baud={}", link.name(), baud);
            } catch (IOException e) {
                last = e;
            }
            link.close();
        }
        throw new IOException("no GY-MCU thermometer answered a query at " + order + " baud"
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    private boolean answers(SerialLink link) throws IOException {
        FrameReader<TemperatureFrame> reader = new FrameReader<>(GyMcuCodec.frameDecoder(), 256);
        link.write(GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        byte[] buf = new byte[64];
        long deadline = System.nanoTime() + answerWithin.toNanos();
        while (System.nanoTime() < deadline) {
            int n = link.read(buf, 0, buf.length);
            if (n > 0) {
                boolean[] got = {false};
                reader.feed(buf, 0, n, f -> got[0] = true, null);
                if (got[0]) {
                    return true;
                }
            }
        }
        return false;
    }
}
