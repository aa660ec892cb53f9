package org.gatepost.agent.device.scanner;

import java.time.Duration;
import java.time.Instant;

/**
 * Collapses repeated scans of one code: the same text again within the window of its previous sighting
 * is a repeat (so a code held in front of a scanner in continuous mode is one scan, however long it is
 * held). Only the latest text is remembered. Not thread safe: the driver's reader thread owns it.
 */
final class RepeatedScans {
    private final Duration window;
    private String last;
    private Instant lastSeen;

    RepeatedScans(Duration window) {
        this.window = window;
    }

    /** Records a sighting of {@code text}; true if it repeats the previous one within the window. */
    boolean repeat(String text, Instant now) {
        boolean repeat = text.equals(last) && now.isBefore(lastSeen.plus(window));
        last = text;
        lastSeen = now;
        return repeat;
    }
}
