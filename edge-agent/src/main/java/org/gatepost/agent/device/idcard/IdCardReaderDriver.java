package org.gatepost.agent.device.idcard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.HealthTracker;
import org.gatepost.agent.device.SerialDevice;
import org.gatepost.agent.device.serial.ReconnectBackoff;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a resident-ID-card reader (SAM serial protocol, {@code docs/protocols/id-card-sam.md}) and delivers
 * one {@link CardRead} per presentation of a card.
 *
 * <p>{@link #start()} starts one daemon thread that owns the link: find card ({@code 20 01}), on {@code 9F}
 * select ({@code 20 02}), on {@code 90} read the base message ({@code 30 01}); a read whose ID number has a
 * wrong check digit is counted and not delivered. After a delivery (or a card rejected for its content) the
 * same presentation is not read again until find has answered {@code 80} (no card). A timeout, a malformed
 * response or a device error is counted, the line is resynchronised and polling goes on; an
 * {@link IOException} from the link closes it and reopens through the factory with exponential backoff.
 *
 * <p>Health: DISCONNECTED while there is no link, SILENT from opening it until the first response,
 * CONNECTED after each good response, ERRORING after a timeout, a malformed response or a refused read.
 * {@code badFrames} counts timeouts and malformed responses (a truncated response shows up as a timeout).
 *
 * <p>The listener runs on the driver thread and should return quickly; what it throws is logged and
 * ignored. {@link #health()} and {@link #counts()} may be called from any thread. The full ID number is never
 * logged: log lines carry the masked form.
 */
public final class IdCardReaderDriver extends SerialDevice {
    private static final Logger log = LoggerFactory.getLogger(IdCardReaderDriver.class);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(300);
    private static final int STATUS_NO_CARD = SamStatus.FIND_FAILED.code();
    private static final int STATUS_CARD_FOUND = SamStatus.FIND_SUCCESS.code();
    private static final int STATUS_OK = SamStatus.SUCCESS.code();

    /**
     * Timing of the poll loop; all positive. Defaults: poll every 300 ms, 1000 ms for find/select responses,
     * 3000 ms for the read response, reconnect backoff from 200 ms doubling to 5 s.
     */
    public record Timing(
            Duration pollInterval,
            Duration commandTimeout,
            Duration readTimeout,
            Duration initialBackoff,
            Duration maxBackoff) {
        public static final Timing DEFAULT = new Timing(
                DEFAULT_POLL_INTERVAL,
                Duration.ofMillis(1000),
                Duration.ofMillis(3000),
                Duration.ofMillis(200),
                Duration.ofSeconds(5));

        public Timing {
            positive("pollInterval", pollInterval);
            positive("commandTimeout", commandTimeout);
            positive("readTimeout", readTimeout);
            positive("initialBackoff", initialBackoff);
            positive("maxBackoff", maxBackoff);
            if (maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("maxBackoff must not be shorter than initialBackoff: " + maxBackoff);
            }
        }

        public Timing withPollInterval(Duration d) {
            return new Timing(d, commandTimeout, readTimeout, initialBackoff, maxBackoff);
        }

        private static void positive(String key, Duration d) {
            Objects.requireNonNull(d, key);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(key + " must be positive: " + d);
            }
        }
    }

    /**
     * Counters since start. {@code badReads}: a card was found but not delivered (select or read refused,
     * bad layout, bad content). {@code deviceErrors}: find answered something other than {@code 80}/{@code 9F}.
     */
    public record Counts(long cardsRead, long badReads, long timeouts, long malformed, long deviceErrors) {}

    private final String device;
    private final Clock clock;
    private final Consumer<CardRead> listener;
    private final Timing timing;

    private final AtomicLong cardsRead = new AtomicLong();
    private final AtomicLong badReads = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong deviceErrors = new AtomicLong();
    /** Driver thread only: the card on the reader was handled; wait for find to answer 80. */
    private boolean awaitingRemoval;

    public IdCardReaderDriver(
            String deviceName,
            SerialLinkFactory links,
            Clock clock,
            Consumer<CardRead> listener,
            Duration pollInterval) {
        this(deviceName, links, clock, listener, Timing.DEFAULT.withPollInterval(pollInterval));
    }

    public IdCardReaderDriver(
            String deviceName, SerialLinkFactory links, Clock clock, Consumer<CardRead> listener, Timing timing) {
        super(
                deviceName,
                "idcard-" + deviceName,
                links,
                new ReconnectBackoff(timing.initialBackoff(), timing.maxBackoff()),
                log,
                HealthTracker.Rules.polled(Set.of()),
                clock,
                true);
        this.device = deviceName;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.timing = timing;
    }

    /** Starts the polling thread; returns at once. @throws IllegalStateException if started or closed before */
    public Counts counts() {
        return new Counts(cardsRead.get(), badReads.get(), timeouts.get(), malformed.get(), deviceErrors.get());
    }

    @Override
    protected void session(SerialLink link) throws IOException {
        poll(new SamChannel(link));
    }

    private void poll(SamChannel ch) throws IOException {
        while (supervisor.running()) {
            try {
                SamFrame find = exchange(ch, SamCommand.FIND_CARD, timing.commandTimeout());
                if (find.sw3() == STATUS_NO_CARD) {
                    if (awaitingRemoval) {
                        log.debug("event=idcard-removed device={}", device);
                    }
                    awaitingRemoval = false;
                } else if (find.sw3() == STATUS_CARD_FOUND) {
                    if (!awaitingRemoval) {
                        readCard(ch);
                    }
                } else {
                    trouble("find-status-" + hex(find.sw3()), SamStatus.describe(find.sw3()), false);
                    deviceErrors.incrementAndGet();
                }
            } catch (SamProtocolException e) {
                // Health first, then the count: whoever sees the count also sees the state it caused.
                trouble(e.reason(), "", true);
                (e.reason().equals("timeout") ? timeouts : malformed).incrementAndGet();
                ch.resync(timing.commandTimeout());
            }
            if (!supervisor.pause(timing.pollInterval())) {
                return;
            }
        }
    }

    private void readCard(SamChannel ch) throws IOException, SamProtocolException {
        SamFrame select = exchange(ch, SamCommand.SELECT_CARD, timing.commandTimeout());
        if (select.sw3() != STATUS_OK) {
            badRead("select-status-" + hex(select.sw3()), SamStatus.describe(select.sw3()));
            return;
        }
        SamFrame read = exchange(ch, SamCommand.READ_BASE, timing.readTimeout());
        if (read.sw3() != STATUS_OK) {
            String reason =
                    read.sw3() == SamStatus.READ_FAILED.code() ? "read-failed" : "read-status-" + hex(read.sw3());
            badRead(reason, SamStatus.describe(read.sw3()));
            return;
        }
        IdCardText.Fields text;
        try {
            text = BaseMessage.text(read);
        } catch (SamProtocolException e) {
            badRead(e.reason(), "");
            return;
        } finally {
            read.wipe(); // the photo and the raw text go at once
        }
        CardRead card;
        try {
            card = CardRead.from(text, clock.instant());
        } catch (SamProtocolException e) {
            awaitingRemoval = true; // the content will not change while the card stays on the reader
            badRead(e.reason(), "");
            return;
        }
        awaitingRemoval = true;
        boolean appended = readAppendedAddress(ch);
        cardsRead.incrementAndGet();
        log.info("event=idcard-read device={} id={} appendedAddress={}", device, card.masked(), appended);
        try {
            listener.accept(card);
        } catch (RuntimeException e) {
            log.warn("event=idcard-listener-failed device={} id={}", device, card.masked(), e);
        }
    }

    /**
     * Reads the appended address (追加住址, command 30 03) that a police station writes on the card when a resident
     * moves: {@code 90} with up to 70 bytes of UCS-2LE text, {@code 91} when the card has none, {@code 21} from modules
     * that do not support the command. The agent keeps no
     * address, so the text is decoded to check it and dropped at once; only whether it exists is logged. A failure
     * here is counted but does not undo the base read.
     */
    private boolean readAppendedAddress(SamChannel ch) throws IOException {
        SamFrame r;
        try {
            r = exchange(ch, SamCommand.READ_ADDRESS, timing.commandTimeout());
        } catch (SamProtocolException e) {
            badRead("appended-address-" + e.reason(), "");
            return false;
        }
        try {
            // 91: the card has no appended address; 21: an older SAM module that does not know the command.
            if (r.sw3() == SamStatus.NO_CONTENT.code() || r.sw3() == SamStatus.COMMAND_ERROR.code()) {
                return false;
            }
            if (r.sw3() != STATUS_OK
                    || r.responseDataLength() > APPENDED_ADDRESS_MAX_BYTES
                    || r.responseDataLength() % 2 != 0) {
                badRead("appended-address-status-" + hex(r.sw3()), SamStatus.describe(r.sw3()));
                return false;
            }
            return !new String(r.responseData(), StandardCharsets.UTF_16LE)
                    .strip()
                    .isEmpty();
        } finally {
            r.wipe();
        }
    }

    /** The appended address block: 70 bytes (35 UCS-2 characters). */
    static final int APPENDED_ADDRESS_MAX_BYTES = 70;

    private SamFrame exchange(SamChannel ch, SamCommand command, Duration timeout)
            throws IOException, SamProtocolException {
        SamFrame response = ch.exchange(command, timeout);
        health.goodFrame(clock.instant());
        log.debug("event=idcard-exchange device={} cmd={} status={}", device, command.wire(), hex(response.sw3()));
        return response;
    }

    private void badRead(String reason, String detail) {
        trouble(reason, detail, false);
        badReads.incrementAndGet();
    }

    /**
     * Records a self-healing problem, a bad frame (timeout, malformed response) when {@code frame}: WARN when it is
     * new, DEBUG while it repeats.
     */
    private void trouble(String reason, String detail, boolean frame) {
        DeviceHealth before = health.snapshot();
        boolean repeat = before.state() == DeviceHealth.State.ERRORING && reason.equals(before.lastError());
        if (frame) {
            health.badFrame(reason, clock.instant());
        } else {
            health.error(reason, clock.instant());
        }
        String port = before.port();
        String status = detail.isEmpty() ? "" : " status=\"" + detail + "\"";
        if (repeat) {
            log.debug("event=idcard-reader-problem device={} port={} reason={}{}", device, port, reason, status);
        } else {
            log.warn("event=idcard-reader-problem device={} port={} reason={}{}", device, port, reason, status);
        }
    }

    private static String hex(int b) {
        return String.format("%02x", b & 0xFF);
    }
}
