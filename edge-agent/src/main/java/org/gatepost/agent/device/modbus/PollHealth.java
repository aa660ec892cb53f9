package org.gatepost.agent.device.modbus;

import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.device.serial.LinkSupervisor;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Health bookkeeping of a polled device: the state follows the latest outcome (a reading: CONNECTED; a
 * {@code timeout}: SILENT; any other problem: ERRORING), and every problem is counted by its reason. The
 * poller thread records; any thread takes snapshots. Thread safe (every method locks this object).
 */
final class PollHealth implements LinkSupervisor.Health {
    private final String device;
    private final Map<String, Long> problems = new TreeMap<>();
    private String port = "";
    private State state = State.DISCONNECTED;
    private long readings;
    private long badFrames;
    private long reconnects;
    private String lastError = "";
    private Instant lastReadingAt;

    PollHealth(String device) {
        this.device = device;
    }

    /** A link was opened; SILENT until the first outcome. */
    @Override
    public synchronized void connected(String newPort, boolean isReconnect) {
        port = newPort;
        state = State.SILENT;
        if (isReconnect) reconnects++;
    }

    @Override
    public synchronized void disconnected(String reason) {
        state = State.DISCONNECTED;
        lastError = reason;
    }

    /** A reading was delivered; returns the state before it. */
    synchronized State reading(Instant at) {
        State before = state;
        readings++;
        lastReadingAt = at;
        state = State.CONNECTED;
        return before;
    }

    /** Counts a problem; returns how often this reason has been seen, this one included. */
    synchronized long problem(String reason) {
        long count = problems.merge(reason, 1L, Long::sum);
        badFrames++;
        lastError = reason;
        if (state != State.DISCONNECTED) state = reason.equals("timeout") ? State.SILENT : State.ERRORING;
        return count;
    }

    synchronized String port() {
        return port;
    }

    synchronized DeviceHealth snapshot() {
        return new DeviceHealth(device, port, state, readings, badFrames, reconnects, lastError, lastReadingAt);
    }

    synchronized SortedMap<String, Long> problemCounts() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(problems));
    }
}
