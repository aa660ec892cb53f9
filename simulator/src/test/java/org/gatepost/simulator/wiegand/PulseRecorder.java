package org.gatepost.simulator.wiegand;

import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import java.util.ArrayList;
import java.util.List;

/** Records the low pulses on D0/D1 with their start and end times, through Pi4J's own listener API. */
final class PulseRecorder {
    /** One low pulse: {@code line} 0 or 1, nanoTime at its falling and rising edge. */
    record Pulse(int line, long startNanos, long endNanos) {
        long widthNanos() {
            return endNanos - startNanos;
        }
    }

    private final List<Pulse> pulses = new ArrayList<>();
    private final long[] fellAt = new long[2];

    PulseRecorder(DigitalInput d0, DigitalInput d1) {
        d0.addListener(e -> edge(0, e.state()));
        d1.addListener(e -> edge(1, e.state()));
    }

    private synchronized void edge(int line, DigitalState state) {
        long now = System.nanoTime();
        if (state == DigitalState.LOW) {
            fellAt[line] = now;
        } else if (fellAt[line] != 0) {
            pulses.add(new Pulse(line, fellAt[line], now));
            fellAt[line] = 0;
        }
    }

    synchronized List<Pulse> pulses() {
        return List.copyOf(pulses);
    }

    /** The pulses as the bit string they spell (D0 = 0, D1 = 1). */
    synchronized String bits() {
        StringBuilder s = new StringBuilder();
        for (Pulse p : pulses) {
            s.append(p.line());
        }
        return s.toString();
    }

    synchronized void clear() {
        pulses.clear();
    }
}
