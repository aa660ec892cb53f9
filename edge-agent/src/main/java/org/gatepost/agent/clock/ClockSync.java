package org.gatepost.agent.clock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * Whether the wall clock is believed synchronised. A Raspberry Pi has no battery-backed clock: after a power
 * cut without network it starts from a saved time or from 1970. systemd-timesyncd creates
 * {@code /run/systemd/timesync/synchronized} once NTP has set the clock; chrony and ntpd users can point
 * {@code marker} at a file their hook touches. The answer is cached for a few seconds. Thread safe.
 */
public final class ClockSync implements BooleanSupplier {
    public static final Path SYSTEMD_MARKER = Path.of("/run/systemd/timesync/synchronized");
    private static final long CACHE_NANOS = 5_000_000_000L;
    private final Path marker;
    private volatile long checkedAt;
    private volatile boolean synced;
    private volatile boolean checked;

    public ClockSync(Path marker) {
        this.marker = marker;
    }

    public static ClockSync systemd() {
        return new ClockSync(SYSTEMD_MARKER);
    }

    @Override
    public boolean getAsBoolean() {
        long now = System.nanoTime();
        if (!checked || now - checkedAt > CACHE_NANOS) {
            synced = Files.exists(marker);
            checkedAt = now;
            checked = true;
        }
        return synced;
    }
}
