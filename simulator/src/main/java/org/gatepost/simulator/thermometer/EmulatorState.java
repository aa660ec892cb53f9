package org.gatepost.simulator.thermometer;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The emulated module's mutable state and the writer's schedule. Thread safe: every method locks this
 * object, and {@link #awaitOutput} waits on it until something is due.
 */
final class EmulatorState {
    /** What the writer sends next: raw {@code bytes} (garbage), or a frame with its faults. */
    record Output(byte[] bytes, int objectCentiC, int ambientCentiC, boolean badChecksum, boolean truncated) {
        boolean isFrame() {
            return bytes == null;
        }
    }

    private final int clearAboveAmbientCentiC;
    private final Deque<byte[]> garbage = new ArrayDeque<>();
    private int ambientCentiC;
    private Integer aimedCentiC;
    private boolean streaming;
    private long nextFrameNanos;
    private int queries;
    private int badChecksumFrames;
    private boolean truncateNext;
    private boolean silent;
    private boolean running = true;

    EmulatorState(int ambientCentiC, int clearAboveAmbientCentiC) {
        this.ambientCentiC = ambientCentiC;
        this.clearAboveAmbientCentiC = clearAboveAmbientCentiC;
    }

    synchronized void aim(int objectCentiC) {
        aimedCentiC = objectCentiC;
    }

    synchronized void clear() {
        aimedCentiC = null;
    }

    synchronized void setAmbient(int centiC) {
        ambientCentiC = centiC;
    }

    synchronized void injectBadChecksum(int frames) {
        badChecksumFrames += frames;
    }

    synchronized void injectGarbage(byte[] bytes) {
        garbage.add(bytes);
        notifyAll();
    }

    synchronized void injectTruncated() {
        truncateNext = true;
    }

    synchronized void silence(boolean on) {
        silent = on;
        notifyAll();
    }

    synchronized void powerCycle() {
        streaming = false;
        queries = 0;
    }

    synchronized void startStreaming(long nowNanos) {
        if (!streaming) {
            nextFrameNanos = nowNanos;
        }
        streaming = true;
        notifyAll();
    }

    synchronized void query() {
        if (silent) {
            return;
        }
        queries++;
        notifyAll();
    }

    synchronized boolean running() {
        return running;
    }

    synchronized void stop() {
        running = false;
        notifyAll();
    }

    /** Blocks until output is due; null once stopped. Frames are spaced {@code intervalNanos} apart. */
    synchronized Output awaitOutput(long intervalNanos) throws InterruptedException {
        while (running) {
            if (!garbage.isEmpty()) {
                return new Output(garbage.removeFirst(), 0, 0, false, false);
            }
            long now = System.nanoTime();
            if (!silent && queries > 0) {
                queries--;
                return nextFrame();
            }
            if (!silent && streaming && now - nextFrameNanos >= 0) {
                nextFrameNanos += intervalNanos;
                if (nextFrameNanos - now <= 0) { // fell behind: no burst
                    nextFrameNanos = now + intervalNanos;
                }
                return nextFrame();
            }
            long waitNanos = !silent && streaming ? nextFrameNanos - now : 0;
            if (waitNanos > 0) {
                wait(Math.max(1, waitNanos / 1_000_000));
            } else {
                wait();
            }
        }
        return null;
    }

    private Output nextFrame() {
        int object = aimedCentiC != null ? aimedCentiC : ambientCentiC + clearAboveAmbientCentiC;
        boolean bad = badChecksumFrames > 0;
        if (bad) {
            badChecksumFrames--;
        }
        boolean truncated = truncateNext;
        truncateNext = false;
        return new Output(null, object, ambientCentiC, bad, truncated);
    }
}
