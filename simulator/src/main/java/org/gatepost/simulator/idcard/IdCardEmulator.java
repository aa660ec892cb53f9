package org.gatepost.simulator.idcard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.idcard.BaseMessage;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.idcard.IdNumbers;
import org.gatepost.agent.device.idcard.SamCodec;
import org.gatepost.agent.device.idcard.SamCommand;
import org.gatepost.agent.device.idcard.SamFrame;
import org.gatepost.agent.device.idcard.SamStatus;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.device.SerialEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A resident-ID-card reader (SAM serial protocol) on the device end of a link, reusing the agent's
 * {@link SamCodec} and {@link IdCardText} in the device role. See {@code docs/protocols/id-card-sam.md}.
 *
 * <p>Find answers {@code 80} while no card is placed and {@code 9F} + 4 zero bytes once one is; select answers
 * {@code 90} + 8 bytes (or {@code 81} with no card); read base message answers the 1295-byte {@code 90} frame
 * built from the placed card ({@code 41} with no card or before a select); SAM status and reset answer
 * {@code 90}; read address answers {@code 91} (no content); anything else {@code 21}; a command with a bad
 * checksum {@code 10}. The photo is 1024 fixed bytes that contain a whole SAM frame, so a framer that hunts
 * preambles inside a body instead of trusting LEN is caught.
 *
 * <p>{@link #start()} starts one daemon thread that answers commands. Every other method may be called from
 * any thread. Built on a {@link SerialLinkFactory}, the emulator reopens its link after it dies (a socat
 * restart); built on a single {@link SerialLink}, it stops when that link dies. Never logs a full ID number.
 */
public final class IdCardEmulator extends SerialEmulator<IdCardEmulator> {
    private static final Logger log = LoggerFactory.getLogger(IdCardEmulator.class);
    private static final byte[] PHOTO = photo();

    private final AtomicLong readsServed = new AtomicLong();
    private final AtomicLong commandsReceived = new AtomicLong();
    private final Object lock = new Object();
    // guarded by lock
    private IdCardText.Fields card;
    private String appendedAddress;
    private boolean selected;
    private boolean failNextRead;
    private boolean removeMidRead;
    private boolean corruptNext;
    private boolean truncateNext;
    private boolean dropNext;

    /** Serves {@code link} until it dies or {@link #close()}. */
    public IdCardEmulator(SerialLink link) {
        super("idcard", "idcard-emulator", link, log);
    }

    /** Serves links from {@code links}, opening a new one (every 100 ms until it works) after one dies. */
    public IdCardEmulator(SerialLinkFactory links) {
        super("idcard", "idcard-emulator", links, log);
    }

    /** Puts a card on the reader (replacing any other); find answers {@code 9F} from now on. */
    public void placeCard(IdCardText.Fields fields) {
        placeCard(fields, null);
    }

    /** Puts a card on the reader whose appended address (追加住址) block holds {@code appendedAddress} (null: none). */
    public void placeCard(IdCardText.Fields fields, String appendedAddress) {
        Objects.requireNonNull(fields, "fields");
        synchronized (lock) {
            card = fields;
            this.appendedAddress = appendedAddress;
            selected = false;
        }
        log.info("event=emulated-idcard-placed id={}", IdNumbers.mask(fields.idNumber()));
    }

    /** Takes the card away; find answers {@code 80} from now on. */
    public void removeCard() {
        synchronized (lock) {
            card = null;
            selected = false;
        }
        log.info("event=emulated-idcard-removed");
    }

    /** The next read base message answers {@code 41} (read failed); the card stays. */
    public void failNextRead() {
        synchronized (lock) {
            failNextRead = true;
        }
    }

    /** The next read base message answers {@code 41} and the card is gone: pulled away during the read. */
    public void removeCardMidRead() {
        synchronized (lock) {
            removeMidRead = true;
        }
    }

    /** The next response, whatever it answers, goes out with a wrong CHK. */
    public void corruptNextResponse() {
        synchronized (lock) {
            corruptNext = true;
        }
    }

    /** Only the first half of the next response goes out. */
    public void truncateNextResponse() {
        synchronized (lock) {
            truncateNext = true;
        }
    }

    /** The next response is not sent at all. */
    public void dropNextResponse() {
        synchronized (lock) {
            dropNext = true;
        }
    }

    /** Successful read-base responses sent (as built; a later fault may still have spoiled one). */
    public long readsServed() {
        return readsServed.get();
    }

    /** Well-formed command frames received. */
    public long commandsReceived() {
        return commandsReceived.get();
    }

    @Override
    protected void serve(SerialLink link) throws IOException {
        FrameReader<SamFrame> reader = new FrameReader<>(SamCodec.DECODER, SamCodec.MAX_FRAME_LENGTH);
        byte[] buf = new byte[512];
        List<byte[]> out = new ArrayList<>();
        while (lifecycle.running()) {
            int n = link.read(buf, 0, buf.length);
            if (n == 0) {
                continue;
            }
            reader.feed(buf, 0, n, frame -> out.add(answer(frame)), reason -> {
                if (reason.equals("bad-checksum")) {
                    out.add(respond(SamCodec.response(SamStatus.CHECKSUM_ERROR.code())));
                }
            });
            for (byte[] response : out) {
                if (response != null) {
                    link.write(response);
                }
            }
            out.clear();
        }
    }

    private byte[] answer(SamFrame frame) {
        commandsReceived.incrementAndGet();
        SamCommand command = SamCommand.of(frame).orElse(null);
        byte[] response;
        synchronized (lock) {
            response = command == null ? SamCodec.response(SamStatus.COMMAND_ERROR.code()) : answer(command);
        }
        return respond(response);
    }

    /** Called with the lock held. */
    private byte[] answer(SamCommand command) {
        return switch (command) {
            case FIND_CARD ->
                card == null
                        ? SamCodec.response(SamStatus.FIND_FAILED.code())
                        : SamCodec.response(SamStatus.FIND_SUCCESS.code(), new byte[4]);
            case SELECT_CARD -> {
                if (card == null) {
                    yield SamCodec.response(SamStatus.SELECT_FAILED.code());
                }
                selected = true;
                yield SamCodec.response(SamStatus.SUCCESS.code(), new byte[8]);
            }
            case READ_BASE -> readBase();
            case READ_ADDRESS ->
                card == null
                        ? SamCodec.response(SamStatus.READ_FAILED.code())
                        : appendedAddress == null
                                ? SamCodec.response(SamStatus.NO_CONTENT.code())
                                : SamCodec.response(SamStatus.SUCCESS.code(), appendedAddressBlock(appendedAddress));
            case SAM_STATUS, RESET_SAM -> SamCodec.response(SamStatus.SUCCESS.code());
        };
    }

    private byte[] readBase() {
        if (removeMidRead && card != null) {
            removeMidRead = false;
            card = null;
            selected = false;
            return SamCodec.response(SamStatus.READ_FAILED.code());
        }
        if (card == null || !selected || failNextRead) {
            failNextRead = false;
            return SamCodec.response(SamStatus.READ_FAILED.code());
        }
        readsServed.incrementAndGet();
        return SamCodec.response(SamStatus.SUCCESS.code(), BaseMessage.encode(IdCardText.encode(card), PHOTO));
    }

    /** Applies the armed output fault, if any; null means send nothing. */
    private byte[] respond(byte[] frame) {
        synchronized (lock) {
            if (dropNext) {
                dropNext = false;
                return null;
            }
            if (corruptNext) {
                corruptNext = false;
                frame[frame.length - 1] ^= (byte) 0xFF;
            } else if (truncateNext) {
                truncateNext = false;
                return Arrays.copyOf(frame, frame.length / 2);
            }
        }
        return frame;
    }

    /** 1024 bytes of a fixed pattern with a complete SAM OK frame embedded at offset 100. */
    private static byte[] photo() {
        byte[] p = new byte[BaseMessage.PHOTO_LENGTH];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        byte[] embedded = SamCodec.response(SamStatus.SUCCESS.code());
        System.arraycopy(embedded, 0, p, 100, embedded.length);
        return p;
    }

    /** 70 bytes of UCS-2LE text padded with spaces, as the card stores it. */
    static byte[] appendedAddressBlock(String text) {
        String padded = (text + " ".repeat(35)).substring(0, 35);
        return padded.getBytes(StandardCharsets.UTF_16LE);
    }
}
