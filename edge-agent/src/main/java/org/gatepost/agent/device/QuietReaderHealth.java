package org.gatepost.agent.device;

import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.LinkSupervisor;

import java.time.Duration;
import java.time.Instant;

/**
 * Health bookkeeping of a reader that is legitimately silent while idle (an RFID module with no tag in the
 * field, a scanner before a code is scanned), so it is never SILENT: an idle reader and a dead one look the
 * same. ERRORING for {@code errorHold} after a bad frame unless a good one comes first. The reader thread
 * records events; any thread takes snapshots. Thread safe (every method locks this object).
 */
public final class QuietReaderHealth implements LinkSupervisor.Health {
    private final String device;
    private final Duration errorHold;
    private String port = "";
    private boolean connected;
    private long frames;
    private long badFrames;
    private long reconnects;
    private String lastError = "";
    private Instant lastFrameAt;
    private Instant lastBadAt;
    private boolean badSinceLastFrame;

    public QuietReaderHealth(String device, Duration errorHold) {
        this.device = device;
        this.errorHold = errorHold;
    }

    @Override
    public synchronized void connected(String port, boolean isReconnect) {
        this.port = port;
        connected = true;
        badSinceLastFrame = false;
        if (isReconnect) reconnects++;
    }

    @Override
    public synchronized void disconnected(String reason) {
        connected = false;
        lastError = reason;
    }

    public synchronized void goodFrame(Instant now) {
        frames++;
        lastFrameAt = now;
        badSinceLastFrame = false;
    }

    public synchronized void badFrame(String reason, Instant now) {
        badFrames++;
        lastBadAt = now;
        lastError = reason;
        badSinceLastFrame = true;
    }

    public synchronized String port() {
        return port;
    }

    public synchronized DeviceHealth snapshot(Instant now) {
        State state;
        if (!connected) state = State.DISCONNECTED;
        else if (badSinceLastFrame && now.isBefore(lastBadAt.plus(errorHold))) state = State.ERRORING;
        else state = State.CONNECTED;
        return new DeviceHealth(device, port, state, frames, badFrames, reconnects, lastError, lastFrameAt);
    }
}
