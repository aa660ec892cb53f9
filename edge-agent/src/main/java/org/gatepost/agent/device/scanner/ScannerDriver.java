package org.gatepost.agent.device.scanner;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.SerialDevice;
import org.gatepost.agent.device.WarnThrottle;
import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a QR / barcode scanner in serial mode (GM65 family and compatibles) and delivers each scanned code
 * as a {@link CredentialRead} of kind {@code qr} whose number is the decoded text. The driver only listens;
 * it sends nothing to the scanner. See {@code docs/protocols/qr-scanner-serial.md}.
 *
 * <p>Lines are cut by {@link ScannerLineFramer} (terminator, or the idle gap as a fallback), decoded by
 * {@link ScanText} and de-duplicated: the same text again within {@link ScannerSettings#duplicateWindow()}
 * of its previous sighting is not delivered again. Oversize lines, undecodable bytes and control characters
 * are counted in {@link DeviceHealth#badFrames()} and dropped. The idle gap and the duplicate window are
 * measured on the injected {@link Clock}.
 *
 * <p>{@link #start()} starts one daemon thread ({@code <deviceName>-reader}) that owns the link. The listener
 * runs <em>on that thread</em> and must return quickly; what it throws is logged and ignored. An
 * {@link IOException} from the link closes it once and reopens it with the settings' backoff; a partial line
 * is dropped then. Health is never SILENT (an idle scanner sends nothing); ERRORING for
 * {@link ScannerSettings#errorHold()} after a rejected line unless a good one comes first. {@link #health()},
 * {@link #reads()} and {@link #close()} may be called from any thread. Code text is never logged, only its
 * length.
 */
public final class ScannerDriver extends SerialDevice {
    /** At most one WARN line about rejected lines per this interval; each is logged at DEBUG. */
    public static final Duration REJECT_WARN_INTERVAL = Duration.ofSeconds(10);

    private static final int READ_CHUNK_BYTES = 256;
    private static final Logger log = LoggerFactory.getLogger(ScannerDriver.class);

    private final String deviceName;
    private final Clock clock;
    private final Consumer<CredentialRead> listener;
    private final ScannerSettings settings;
    private final RepeatedScans repeats;
    private final AtomicLong reads = new AtomicLong();
    private boolean missingTerminatorReported;
    private final WarnThrottle rejectWarnings = new WarnThrottle(REJECT_WARN_INTERVAL); // reader thread only

    public ScannerDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<CredentialRead> listener,
            ScannerSettings settings) {
        super(deviceName, links, settings.backoff(), log, HealthTracker.Rules.quiet(settings.errorHold()), clock);
        this.deviceName = deviceName;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.settings = settings;
        this.repeats = new RepeatedScans(settings.duplicateWindow());
    }

    /** Starts the reader thread and returns at once. May be called once; not after {@link #close()}. */
    @Override
    public void start() {
        super.start();
        log.info(
                "event=driver-started device={} terminator={} encoding={} maxBytes={}",
                deviceName,
                settings.terminator(),
                settings.encoding(),
                settings.maxLengthBytes());
    }

    /** Scans delivered since start (repeats within the duplicate window not counted). */
    public long reads() {
        return reads.get();
    }

    @Override
    protected void session(SerialLink link) throws IOException {
        ScannerLineFramer framer = new ScannerLineFramer(settings);
        ScannerLineFramer.Sink sink = new LineSink();
        byte[] chunk = new byte[READ_CHUNK_BYTES];
        missingTerminatorReported = false;
        while (supervisor.running()) {
            int n = link.read(chunk, 0, chunk.length);
            Instant now = clock.instant();
            if (n > 0) {
                framer.feed(chunk, 0, n, now, sink);
                Arrays.fill(chunk, 0, n, (byte) 0);
            } else {
                framer.tick(now, sink);
            }
        }
    }

    private void onLine(byte[] bytes, boolean byGap) {
        Instant now = clock.instant();
        String text;
        try {
            text = ScanText.decode(bytes, settings.encoding());
        } catch (UnreadableScanException e) {
            onRejected(e.reason(), "bytes", bytes.length);
            return;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        health.goodFrame(now);
        if (byGap && settings.terminator() != Terminator.NONE && !missingTerminatorReported) {
            missingTerminatorReported = true;
            log.warn(
                    "event=missing-terminator device={} port={} expected={} idleGapMs={} hint=\"configure the scanner's tail\"",
                    deviceName,
                    health.port(),
                    settings.terminator(),
                    settings.idleGap().toMillis());
        }
        if (repeats.repeat(text, now)) {
            log.debug("event=scan-repeat device={} chars={}", deviceName, text.length());
            return;
        }
        reads.incrementAndGet();
        log.info(
                "event=scan-read device={} chars={} bytes={} byGap={}", deviceName, text.length(), bytes.length, byGap);
        try {
            listener.accept(new CredentialRead(deviceName, CredentialRead.KIND_QR, text, now));
        } catch (RuntimeException e) {
            log.warn("event=listener-failed device={} chars={}", deviceName, text.length(), e);
        }
    }

    private void onRejected(String reason, String sizeKey, int bytes) {
        Instant now = clock.instant();
        health.badFrame(reason, now);
        log.debug(
                "event=scan-rejected device={} port={} reason={} {}={}",
                deviceName,
                health.port(),
                reason,
                sizeKey,
                bytes);
        warnRepeated("scans-rejected", reason, now, rejectWarnings);
    }

    /** Runs on the reader thread, called by the framer. */
    private final class LineSink implements ScannerLineFramer.Sink {
        @Override
        public void line(byte[] text, boolean byGap) {
            onLine(text, byGap);
        }

        @Override
        public void rejected(String reason) {
            onRejected(reason, "minBytes", settings.maxLengthBytes() + 1);
        }
    }
}
