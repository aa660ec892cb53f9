package org.gatepost.hub.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.IngestLanes;
import org.gatepost.hub.ingest.IngestWorker;
import org.gatepost.hub.ingest.MessageAcker;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.ingest.ProgressListener;
import org.gatepost.hub.store.HubStore;

/**
 * Builds an {@link IngestWorker} for a test: the default alert rules and no live events, and unless a test says
 * otherwise progress and periodic work that do nothing, a clock fixed at {@link #NOW} and the {@link #FAST}
 * tuning. Not started: the test calls {@link IngestWorker#start()} once it has queued what it wants.
 */
public final class TestIngestWorker {
    public static final Instant NOW = Instant.parse("2026-11-28T09:00:00Z");
    /** Groups of up to 500, a tick every 20 ms, retries from 5 ms up to 20 ms. */
    public static final IngestWorker.Tuning FAST =
            new IngestWorker.Tuning(500, Duration.ofMillis(20), Duration.ofMillis(5), Duration.ofMillis(20));

    private final IngestLanes inbox;
    private final HubStore store;
    private final MessageAcker acker;
    private ProgressListener progress = (gate, epoch, upTo) -> {};
    private Periodic periodic = now -> {};
    private Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private IngestWorker.Tuning tuning = FAST;

    private TestIngestWorker(IngestLanes inbox, HubStore store, MessageAcker acker) {
        this.inbox = inbox;
        this.store = store;
        this.acker = acker;
    }

    /**
     * A worker taking its messages from {@code inbox}, writing to {@code store} and acknowledging to {@code acker}
     * (each message once its work is committed or set aside).
     */
    public static TestIngestWorker on(IngestLanes inbox, HubStore store, MessageAcker acker) {
        return new TestIngestWorker(inbox, store, acker);
    }

    /** Tells {@code progress} each epoch's high-water mark after commits, and runs {@code periodic} between groups. */
    public TestIngestWorker reporting(ProgressListener progress, Periodic periodic) {
        this.progress = progress;
        this.periodic = periodic;
        return this;
    }

    /** Runs on {@code clock} (receive times, retry and tick schedule) with {@code tuning} instead of the defaults. */
    public TestIngestWorker running(Clock clock, IngestWorker.Tuning tuning) {
        this.clock = clock;
        this.tuning = tuning;
        return this;
    }

    public IngestWorker build() {
        return new IngestWorker(
                inbox, store, new AlertRules(), acker, progress, HubEvents.NONE, periodic, clock, tuning);
    }
}
