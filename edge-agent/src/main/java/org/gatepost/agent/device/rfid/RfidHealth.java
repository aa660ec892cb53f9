package org.gatepost.agent.device.rfid;

import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;

import java.time.Duration;
import java.time.Instant;

/**
 * The driver's health bookkeeping. The reader thread records events; any thread takes snapshots. Thread
 * safe (every method locks this object). Never SILENT: the module sends nothing while no tag is present,
 * so an idle reader and a quiet one look the same.
 */
final class RfidHealth {
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

    RfidHealth(String device, Duration errorHold) {
        this.device = device;
        this.errorHold = errorHold;
    }

    synchronized void connected(String port, boolean isReconnect) {
        this.port = port;
        connected = true;
        badSinceLastFrame = false;
        if (isReconnect) reconnects++;
    }

    synchronized void disconnected(String reason) {
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

    synchronized String port() {
        return port;
    }

    synchronized DeviceHealth snapshot(Instant now) {
        State state;
        if (!connected) state = State.DISCONNECTED;
        else if (badSinceLastFrame && now.isBefore(lastBadAt.plus(errorHold))) state = State.ERRORING;
        else state = State.CONNECTED;
        return new DeviceHealth(device, port, state, frames, badFrames, reconnects, lastError, lastFrameAt);
    }
}
