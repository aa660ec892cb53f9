package org.gatepost.agent.device.wiegand;

import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reader's health bookkeeping. Thread safe (every method locks this object).
 *
 * <p>Wiegand has no link to lose and an idle reader is silent by design, so the state is DISCONNECTED only
 * before start and after close, ERRORING while the last frame was bad and recent, and CONNECTED otherwise.
 */
final class WiegandHealth {
    private final String device;
    private final String port;
    private final Duration errorHold;
    private final Map<String, Long> badByReason = new TreeMap<>();
    private boolean listening;
    private long frames;
    private long badFrames;
    private String lastError = "not-started";
    private Instant lastFrameAt;
    private Instant lastBadAt;
    private boolean badSinceLastFrame;

    WiegandHealth(String device, String port, Duration errorHold) {
        this.device = device;
        this.port = port;
        this.errorHold = errorHold;
    }

    synchronized void listening() {
        listening = true;
        lastError = "";
    }

    synchronized void closed() {
        listening = false;
        lastError = "closed";
    }

    synchronized void goodFrame(Instant now) {
        frames++;
        lastFrameAt = now;
        badSinceLastFrame = false;
    }

    synchronized void badFrame(String reason, Instant now) {
        badFrames++;
        badByReason.merge(reason, 1L, Long::sum);
        lastBadAt = now;
        lastError = reason;
        badSinceLastFrame = true;
    }

    synchronized Map<String, Long> badByReason() {
        return Map.copyOf(badByReason);
    }

    synchronized DeviceHealth snapshot(Instant now) {
        return new DeviceHealth(device, port, state(now), frames, badFrames, 0, lastError, lastFrameAt);
    }

    private State state(Instant now) {
        if (!listening) return State.DISCONNECTED;
        if (badSinceLastFrame && now.isBefore(lastBadAt.plus(errorHold))) return State.ERRORING;
        return State.CONNECTED;
    }
}
