package org.gatepost.agent.device;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A snapshot of one device's health, as reported by its driver. Immutable.
 *
 * @param device     configured device name, e.g. {@code thermometer}
 * @param port       the link name (device path or tcp:// URL); empty from a driver that has not opened a link yet
 *                   (see {@link #withPortOr})
 * @param state      see {@link State}
 * @param frames     good frames decoded since start
 * @param badFrames  malformed frames (bad checksum, truncation, garbage) since start
 * @param reconnects times the link was reopened after it died
 * @param lastError  short reason of the last problem, empty when none
 * @param lastFrameAt time of the last good frame, null if none yet
 */
public record DeviceHealth(
        String device,
        String port,
        State state,
        long frames,
        long badFrames,
        long reconnects,
        String lastError,
        Instant lastFrameAt) {

    public enum State {
        /** The link is open and good frames arrive. */
        CONNECTED,
        /** The link is open but nothing valid arrived within the device's silence limit. */
        SILENT,
        /** The link is open but recent frames were malformed or the device reported errors. */
        ERRORING,
        /** The link could not be opened or died; the driver is retrying with backoff. */
        DISCONNECTED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public DeviceHealth {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(port, "port");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastError, "lastError");
    }

    /**
     * This snapshot, naming {@code configured} as its port while the driver has not opened a link yet (a device
     * absent since start): the heartbeat then says which port the gate is waiting for, never an empty port.
     */
    public DeviceHealth withPortOr(String configured) {
        if (!port.isEmpty()) {
            return this;
        }
        return new DeviceHealth(device, configured, state, frames, badFrames, reconnects, lastError, lastFrameAt);
    }
}
