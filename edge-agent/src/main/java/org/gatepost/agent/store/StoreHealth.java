package org.gatepost.agent.store;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the gate's decisions are being recorded: the checkpoint reports each commit and each failure,
 * the heartbeat reads {@link #unrecorded()} and {@link #lastError()}. Shared by both; one per agent run.
 *
 * <p>Thread safe; never blocks. Listeners run on the thread that reported the failure (the checkpoint's,
 * inside its lock), so they must return at once, typically by waking another thread.
 */
public final class StoreHealth {
    private static final Logger log = LoggerFactory.getLogger(StoreHealth.class);
    private final AtomicLong unrecorded = new AtomicLong();
    private final List<Runnable> failureListeners = new CopyOnWriteArrayList<>();
    private volatile String lastError;

    /** A decision was committed: the last write succeeded, so {@link #lastError()} is null again. */
    public void recorded() {
        lastError = null;
    }

    /** A decision could not be committed (disk full, I/O error): counts it and notifies the listeners. */
    public void notRecorded(String reason) {
        lastError = Objects.requireNonNullElse(reason, "unknown");
        unrecorded.incrementAndGet();
        for (Runnable l : failureListeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                log.warn("event=store-health-listener-failed cause=\"{}\"", e.toString());
            }
        }
    }

    /** Decisions since start that could not be stored. */
    public long unrecorded() {
        return unrecorded.get();
    }

    /** The reason of the last failed write, or null when the last write succeeded (or none was made). */
    public String lastError() {
        return lastError;
    }

    /** Runs {@code listener} after every {@link #notRecorded}; it must not block. */
    public void onNotRecorded(Runnable listener) {
        failureListeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
