package org.gatepost.agent.device.idcard;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;

/**
 * A SAM reader scripted by a test: answers find/select/read on the device end of a link, with a card the
 * test places and faults it arms. Serves one link per {@link #serve} call, on its own daemon thread, until
 * that link dies. Safe for concurrent use; errors on the serving threads are kept in {@link #errors}.
 */
final class ScriptedSam {
    private volatile IdCardText.Fields card;
    final AtomicInteger failReads = new AtomicInteger();
    final AtomicBoolean corruptNext = new AtomicBoolean();
    volatile boolean silent;
    final AtomicInteger finds = new AtomicInteger();
    final AtomicInteger noCardAnswers = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    void place(IdCardText.Fields f) {
        card = f;
    }

    void remove() {
        card = null;
    }

    void serve(SerialLink link) {
        Thread t = new Thread(() -> run(link), "scripted-sam");
        t.setDaemon(true);
        t.start();
    }

    private void run(SerialLink link) {
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        byte[] buf = new byte[256];
        try {
            while (true) {
                int n = link.read(buf, 0, buf.length);
                List<SamFrame> commands = new ArrayList<>();
                reader.feed(
                        buf,
                        0,
                        n,
                        commands::add,
                        reason -> errors.add(new AssertionError("malformed command " + reason)));
                for (SamFrame c : commands) {
                    byte[] response = answer(SamCommand.of(c).orElseThrow());
                    if (silent) {
                        continue;
                    }
                    if (corruptNext.getAndSet(false)) {
                        response[response.length - 1] ^= 0x5A;
                    }
                    link.write(response);
                }
            }
        } catch (IOException gone) {
            // the link died: this serving thread ends, a new link gets a new one
        } catch (Throwable t) {
            errors.add(t);
        }
    }

    private byte[] answer(SamCommand command) {
        IdCardText.Fields f = card;
        return switch (command) {
            case FIND_CARD -> {
                finds.incrementAndGet();
                if (f == null) {
                    noCardAnswers.incrementAndGet();
                    yield SamCodec.response(0x80);
                }
                yield SamCodec.response(0x9F, new byte[4]);
            }
            case SELECT_CARD -> f == null ? SamCodec.response(0x81) : SamCodec.response(0x90, new byte[8]);
            case READ_BASE -> {
                if (f == null || failReads.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    yield SamCodec.response(0x41);
                }
                reads.incrementAndGet();
                yield SamCodec.response(
                        0x90, BaseMessage.encode(IdCardText.encode(f), new byte[BaseMessage.PHOTO_LENGTH]));
            }
            default -> SamCodec.response(0x21);
        };
    }
}
