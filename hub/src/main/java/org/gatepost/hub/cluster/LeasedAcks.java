package org.gatepost.hub.cluster;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.ingest.ProgressListener;
import org.gatepost.hub.store.GateProgress;
import org.gatepost.hub.store.Lease;
import org.gatepost.hub.store.LeaseListener;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The acknowledgements of the hub instances on one database, published by the one that holds the {@code acks} lease:
 * progress committed here or heard from another instance ({@link #committed}) goes to the ack publisher while the
 * lease is held and is dropped otherwise. When this instance takes the lease, and when the bus reconnects while it
 * holds it ({@link #refresh}), it offers every gate's progress in its latest epoch read from the database on its own
 * thread ({@code hub-ack-refresh}): acks come only from committed state, so they never go below what an earlier
 * holder published. The ack publisher itself must check {@link Lease#held()} before each publish (the fence).
 */
public final class LeasedAcks implements ProgressListener, LeaseListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LeasedAcks.class);

    /** The database's current progress of every gate. */
    public interface ProgressSource {
        List<GateProgress> latest() throws StoreException;
    }

    private final ProgressSource source;
    private final ExecutorService thread;
    private volatile ProgressListener publisher;
    private volatile Lease lease;

    /** Register it as the {@code acks} lease's listener, then call {@link #publishWith}. */
    public LeasedAcks(ProgressSource source) {
        this.source = source;
        this.thread = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().name("hub-ack-refresh").daemon().factory());
    }

    /** The ack publisher and the lease (registered with this as its listener) that gates it; before any call. */
    public void publishWith(ProgressListener publisher, Lease lease) {
        this.publisher = publisher;
        this.lease = lease;
    }

    @Override
    public void committed(String gate, String epoch, long upTo) {
        Lease l = lease;
        if (l != null && l.held()) {
            publisher.committed(gate, epoch, upTo);
        }
    }

    @Override
    public void acquired() {
        refresh();
    }

    /** Offers every gate's latest progress from the database, in the background, if the lease is held. */
    public void refresh() {
        try {
            thread.execute(this::offerAll);
        } catch (RejectedExecutionException e) {
            log.debug("event=ack-refresh-not-run reason=closed");
        }
    }

    private void offerAll() {
        Lease l = lease;
        if (l == null || !l.held()) {
            return;
        }
        try {
            List<GateProgress> all = source.latest();
            all.forEach(p -> committed(p.gate(), p.epoch(), p.upTo()));
            log.info("event=acks-refreshed source=store gates={}", all.size());
        } catch (StoreException e) {
            log.warn("event=acks-not-refreshed retryInMs=1000 reason={}", e.getMessage());
            try {
                Thread.sleep(1_000);
                thread.execute(this::offerAll);
            } catch (InterruptedException | RejectedExecutionException ignored) {
                // closing
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
