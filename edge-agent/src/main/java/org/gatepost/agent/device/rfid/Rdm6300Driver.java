package org.gatepost.agent.device.rfid;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.SerialDevice;
import org.gatepost.agent.device.WarnThrottle;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an RDM6300 125 kHz RFID module and delivers one {@link CredentialRead} (kind {@code rfid}, number
 * = the tag id in decimal, version byte dropped) per presentation of a tag.
 *
 * <p>The module repeats its frame while a tag stays in the field; those repeats collapse into one read.
 * The tag counts as removed once no frame of it arrived for {@link Rdm6300Settings#removalSilence()},
 * measured on the injected {@link Clock}; its next frame is then a new read. A different tag is a new
 * read at once. See {@code docs/protocols/rfid-rdm6300.md}.
 *
 * <p>{@link #start()} starts one daemon thread ({@code <deviceName>-reader}) that opens the link through the
 * factory and decodes frames. The listener runs <em>on that thread</em> and must return quickly; what it
 * throws is logged and ignored. Malformed frames are counted in {@link DeviceHealth#badFrames()} and
 * skipped; an {@link IOException} from the link closes it once and reopens it with the settings' backoff.
 * Health is never SILENT (an idle module sends nothing); ERRORING for {@link Rdm6300Settings#errorHold()}
 * after a malformed frame unless a good one comes first. {@link #health()}, {@link #reads()} and
 * {@link #close()} may be called from any thread. Tag ids are logged masked only.
 */
public final class Rdm6300Driver extends SerialDevice {
    /** At most one WARN line about malformed frames per this interval; each frame is logged at DEBUG. */
    public static final Duration BAD_FRAME_WARN_INTERVAL = Duration.ofSeconds(10);

    private static final int READ_CHUNK_BYTES = 64;
    private static final int MAX_BUFFERED_BYTES = 2 * Rdm6300Codec.FRAME_LENGTH + 4;
    private static final Logger log = LoggerFactory.getLogger(Rdm6300Driver.class);

    private final String deviceName;
    private final Clock clock;
    private final Consumer<CredentialRead> listener;
    private final Rdm6300Settings settings;
    private final TagPresence presence;
    private final AtomicLong reads = new AtomicLong();
    private final WarnThrottle badFrameWarnings = new WarnThrottle(BAD_FRAME_WARN_INTERVAL); // reader thread only

    public Rdm6300Driver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<CredentialRead> listener,
            Rdm6300Settings settings) {
        super(deviceName, links, settings.backoff(), log, HealthTracker.Rules.quiet(settings.errorHold()), clock);
        this.deviceName = deviceName;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = settings;
        this.presence = new TagPresence(settings.removalSilence());
    }

    /** Starts the reader thread and returns at once. May be called once; not after {@link #close()}. */
    @Override
    public void start() {
        super.start();
        log.info(
                "event=driver-started device={} removalSilenceMs={}",
                deviceName,
                settings.removalSilence().toMillis());
    }

    /** Credential reads delivered since start (one per presentation, not per frame). */
    public long reads() {
        return reads.get();
    }

    @Override
    protected void session(SerialLink link) throws IOException {
        FrameReader<Rdm6300Frame> reader = new FrameReader<>(Rdm6300Codec.decoder(), MAX_BUFFERED_BYTES);
        byte[] chunk = new byte[READ_CHUNK_BYTES];
        while (supervisor.running()) {
            int n = link.read(chunk, 0, chunk.length);
            if (n > 0) {
                reader.feed(chunk, 0, n, this::onFrame, this::onMalformed);
            }
            if (presence.expire(clock.instant())) {
                log.debug("event=tag-removed device={}", deviceName);
            }
        }
    }

    private void onFrame(Rdm6300Frame frame) {
        Instant now = clock.instant();
        health.goodFrame(now);
        if (!presence.seen(frame.tagId(), now)) {
            log.debug("event=tag-repeat device={} tag={}", deviceName, frame.masked());
            return;
        }
        reads.incrementAndGet();
        log.info("event=tag-read device={} tag={}", deviceName, frame.masked());
        CredentialRead read = new CredentialRead(deviceName, CredentialRead.KIND_RFID, frame.number(), now);
        try {
            listener.accept(read);
        } catch (RuntimeException e) {
            log.warn("event=listener-failed device={} tag={}", deviceName, frame.masked(), e);
        }
    }

    private void onMalformed(String reason) {
        badFrame(reason, clock.instant(), badFrameWarnings);
    }
}
