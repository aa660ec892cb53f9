package org.gatepost.hub.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Leases} on PostgreSQL: each lease is a row of {@link LeaseTable} taken for {@link #TTL} by the database's
 * clock, renewed every {@link #RENEW_EVERY} by its holder and tried every {@link #TRY_EVERY} by the others, so a
 * holder that dies is replaced within {@code TTL + TRY_EVERY} (12 s) of its last renewal.
 *
 * <p>Self-fencing: a renewal sent at local monotonic time {@code t} keeps the lease held on this instance until
 * {@code t + TTL - FENCE_MARGIN} only. The database's expiry ({@code now() + TTL}, read after {@code t}) is later, so
 * when renewals stop succeeding {@link Lease#held()} turns false here before any other instance can take the lease.
 *
 * <p>The work is driven by {@link #tick} with a monotonic reading in nanoseconds (tests call it directly); in the hub
 * a thread {@code hub-leases} ticks every {@link #TICK}, and listeners run on it. One line is logged per change:
 * {@code lease taken lease=... holder=...}, {@code lease lost lease=... holder=... reason=...}.
 */
public final class LeaseKeeper implements Leases {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    public static final Duration TTL = Duration.ofSeconds(10);
    public static final Duration RENEW_EVERY = Duration.ofSeconds(3);
    public static final Duration TRY_EVERY = Duration.ofSeconds(2);
    /** How much sooner than the database's expiry the holder stops (clock rate differences, a slow statement). */
    public static final Duration FENCE_MARGIN = Duration.ofSeconds(1);

    static final Duration TICK = Duration.ofMillis(250);
    /** Retry delay of a holder's failed renewal (it keeps trying until its fence). */
    static final Duration RENEW_RETRY = Duration.ofMillis(500);

    private final LeaseTable table;
    private final String instanceId;
    private final LongSupplier nanos;
    private final List<Keep> leases = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService thread;
    private boolean closed;

    private final class Keep implements Lease {
        final String name;
        final LeaseListener listener;
        /** Local monotonic deadline while this instance holds it; meaningful only when {@link #mine}. */
        volatile long heldUntil;

        volatile boolean mine;
        /** Owned by the ticking thread. */
        long nextTry;

        boolean told;
        /** A renewal has failed since the last success (logged once). */
        boolean failing;

        Keep(String name, LeaseListener listener) {
            this.name = name;
            this.listener = listener;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean held() {
            return mine && nanos.getAsLong() - heldUntil < 0;
        }
    }

    public LeaseKeeper(LeaseTable table, String instanceId, LongSupplier nanos) {
        this.table = table;
        this.instanceId = instanceId;
        this.nanos = nanos;
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public Lease lease(String name, LeaseListener listener) {
        Keep k = new Keep(name, listener);
        k.nextTry = nanos.getAsLong();
        leases.add(k);
        return k;
    }

    @Override
    public synchronized void start() {
        if (thread != null || closed) {
            return;
        }
        tick(nanos.getAsLong());
        thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("hub-leases").daemon().factory());
        thread.scheduleWithFixedDelay(this::tickNow, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickNow() {
        try {
            tick(nanos.getAsLong());
        } catch (RuntimeException e) {
            log.error("event=lease-keeping-bug error={}", e.toString(), e);
        }
    }

    /** Tries, renews and fences what is due at monotonic time {@code now}; blocks on the database. */
    public void tick(long now) {
        for (Keep k : leases) {
            if (k.mine && !k.held()) {
                lose(k, "unknown", "not renewed in time");
            }
            if (now - k.nextTry < 0) {
                continue;
            }
            long sent = nanos.getAsLong();
            try {
                String holder = table.claim(k.name, instanceId, TTL);
                if (holder.equals(instanceId)) {
                    k.heldUntil = sent + TTL.minus(FENCE_MARGIN).toNanos();
                    k.mine = true;
                    k.nextTry = sent + RENEW_EVERY.toNanos();
                    k.failing = false;
                    if (!k.told) {
                        k.told = true;
                        log.info("event=lease-taken lease={} holder={}", k.name, instanceId);
                        k.listener.acquired();
                    }
                } else {
                    if (k.told) {
                        lose(k, holder, "held by another instance");
                    }
                    k.nextTry = sent + TRY_EVERY.toNanos();
                }
            } catch (StoreException e) {
                if (k.told) {
                    if (!k.failing) {
                        k.failing = true;
                        log.warn(
                                "event=lease-renewal-failed action=retrying-until-the-fence lease={} holder={} reason={}",
                                k.name,
                                instanceId,
                                e.getMessage());
                    }
                    k.nextTry = sent + RENEW_RETRY.toNanos();
                    if (!k.held()) {
                        lose(k, "unknown", "not renewed in time");
                    }
                } else {
                    log.debug("event=lease-not-taken lease={} reason={}", k.name, e.getMessage());
                    k.nextTry = sent + TRY_EVERY.toNanos();
                }
            }
        }
    }

    private void lose(Keep k, String holder, String reason) {
        k.mine = false;
        if (k.told) {
            k.told = false;
            log.info("event=lease-lost lease={} holder={} reason={}", k.name, holder, reason);
            k.listener.lost();
        }
    }

    /** Stops keeping the leases and releases those held (best effort: an unreachable database lets them expire). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (thread != null) {
            thread.shutdownNow();
            try {
                thread.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Keep k : leases) {
            if (k.mine) {
                k.mine = false;
                try {
                    table.release(k.name, instanceId);
                    log.info("event=lease-released lease={} holder={}", k.name, instanceId);
                } catch (StoreException e) {
                    log.warn(
                            "event=lease-not-released action=left-to-expire lease={} holder={} reason={}",
                            k.name,
                            instanceId,
                            e.getMessage());
                }
            }
        }
    }
}
