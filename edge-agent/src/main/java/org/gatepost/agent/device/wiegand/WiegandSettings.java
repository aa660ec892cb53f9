package org.gatepost.agent.device.wiegand;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link WiegandReader} splits frames. Immutable; validated on construction.
 *
 * @param frameTimeout silence that ends a frame; must exceed the reader's longest pulse interval (the spec allows
 *                     up to 20 ms), and stay below the reader's gap between two reads
 * @param tickInterval how often the reader's timer checks for that silence; a frame is delivered between
 *                     {@code frameTimeout} and {@code frameTimeout + tickInterval} after its last bit
 */
public record WiegandSettings(Duration frameTimeout, Duration tickInterval) {
    public static final Duration DEFAULT_FRAME_TIMEOUT = WiegandDecoder.DEFAULT_TIMEOUT;
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofMillis(5);
    public static final Duration MIN_FRAME_TIMEOUT = Duration.ofMillis(2);
    public static final Duration MAX_FRAME_TIMEOUT = Duration.ofSeconds(1);
    public static final WiegandSettings DEFAULTS = new WiegandSettings(DEFAULT_FRAME_TIMEOUT, DEFAULT_TICK_INTERVAL);

    public WiegandSettings {
        Objects.requireNonNull(frameTimeout, "frameTimeout");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (frameTimeout.compareTo(MIN_FRAME_TIMEOUT) < 0 || frameTimeout.compareTo(MAX_FRAME_TIMEOUT) > 0) {
            throw new IllegalArgumentException("frameTimeout must be within " + MIN_FRAME_TIMEOUT.toMillis() + ".."
                    + MAX_FRAME_TIMEOUT.toMillis() + " ms, got " + frameTimeout.toMillis() + " ms");
        }
        if (tickInterval.isNegative() || tickInterval.isZero() || tickInterval.compareTo(frameTimeout) > 0) {
            throw new IllegalArgumentException("tickInterval must be positive and at most frameTimeout ("
                    + frameTimeout.toMillis() + " ms), got " + tickInterval);
        }
    }
}
