package org.gatepost.agent.device.thermometer;

import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.LinkSupervisor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The driver's health bookkeeping. The reader thread records events; any thread takes snapshots.
 * Thread safe (every method locks this object).
 */
final class ThermometerHealth implements LinkSupervisor.Health {
    private final String device;
    private final Duration silenceLimit;
    private final Clock clock;
    private String port = "";
    private boolean connected;
    private Instant connectedAt;
    private long frames;
    private long badFrames;
    private long reconnects;
    private String lastError = "";
    private Instant lastFrameAt;
    private Instant lastBadAt;
    private boolean badSinceLastFrame;

    ThermometerHealth(String device, Duration silenceLimit, Clock clock) {
        this.device = device;
        this.silenceLimit = silenceLimit;
        this.clock = clock;
    }

    /** Silence is counted from now (the injected clock's). */
    @Override
    public synchronized void connected(String port, boolean isReconnect) {
        this.port = port;
        connected = true;
        connectedAt = clock.instant();
        badSinceLastFrame = false;
        if (isReconnect) reconnects++;
    }

    @Override
    public synchronized void disconnected(String reason) {
        connected = false;
        lastError = reason;
    }

    synchronized void goodFrame(Instant now) {
        frames++;
        lastFrameAt = now;
        badSinceLastFrame = false;
    }

    synchronized void badFrame(String reason, Instant now) {
        badFrames++;
        lastBadAt = now;
        lastError = reason;
        badSinceLastFrame = true;
    }

    /** No valid frame within the silence limit, counting from the last frame or the last (re)connect. */
    synchronized boolean silent(Instant now) {
        Instant since = connectedAt;
        if (since == null) return false;
        if (lastFrameAt != null && lastFrameAt.isAfter(since)) since = lastFrameAt;
        return !now.isBefore(since.plus(silenceLimit));
    }

    synchronized String port() {
        return port;
    }

    synchronized DeviceHealth snapshot(Instant now) {
        return new DeviceHealth(device, port, state(now), frames, badFrames, reconnects, lastError, lastFrameAt);
    }

    private State state(Instant now) {
        if (!connected) return State.DISCONNECTED;
        if (badSinceLastFrame && now.isBefore(lastBadAt.plus(silenceLimit))) return State.ERRORING;
        return silent(now) ? State.SILENT : State.CONNECTED;
    }
}
