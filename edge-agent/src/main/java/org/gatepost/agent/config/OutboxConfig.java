package org.gatepost.agent.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox is drained, reported on and kept: the uplink's batching and windows, the heartbeat
 * interval, and the store's retention and budget. Validated in the compact constructor.
 *
 * @param heartbeatInterval time between heartbeats ({@code heartbeat.interval}), whole seconds
 * @param batchSize         most entries in one {@code batch} message ({@code uplink.batch-size}); 1 sends single entries only
 * @param maxInFlight       messages published and not yet acknowledged by the broker ({@code uplink.max-in-flight})
 * @param resendAfter       republish from the last ack when the hub's ack has not advanced for this long ({@code uplink.resend-after})
 * @param shutdownFlush     on a clean stop, how long the uplink may keep publishing what is pending ({@code uplink.shutdown-flush})
 * @param retention         how long an acknowledged entry is kept after its acknowledgement ({@code store.retention})
 * @param budgetBytes       the storage budget the heartbeat reports against ({@code store.budget})
 */
public record OutboxConfig(
        Duration heartbeatInterval,
        int batchSize,
        int maxInFlight,
        Duration resendAfter,
        Duration shutdownFlush,
        Duration retention,
        long budgetBytes) {
    // The uplink's defaults and limits; its settings (uplink.UplinkSettings) take them from here.
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(30);
    public static final int DEFAULT_BATCH_SIZE = 200;
    public static final int MAX_BATCH_SIZE = 1_000;
    public static final int DEFAULT_MAX_IN_FLIGHT = 16;
    /** Kept well below Paho's 65535 message ids and its in-flight window, which the uplink sizes from this. */
    public static final int MAX_IN_FLIGHT = 100;

    public static final Duration DEFAULT_RESEND_AFTER = Duration.ofSeconds(30);
    public static final Duration DEFAULT_SHUTDOWN_FLUSH = Duration.ofSeconds(2);
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);
    public static final long DEFAULT_BUDGET_BYTES = 256L << 20;

    public OutboxConfig {
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(resendAfter, "resendAfter");
        Objects.requireNonNull(shutdownFlush, "shutdownFlush");
        Objects.requireNonNull(retention, "retention");
        if (heartbeatInterval.toMillis() < 1_000 || heartbeatInterval.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException(
                    "heartbeatInterval must be whole seconds, at least 1 s: " + heartbeatInterval);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            throw new IllegalArgumentException("batchSize must be 1.." + MAX_BATCH_SIZE + ": " + batchSize);
        }
        if (maxInFlight < 1 || maxInFlight > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("maxInFlight must be 1.." + MAX_IN_FLIGHT + ": " + maxInFlight);
        }
        if (!resendAfter.isPositive()) {
            throw new IllegalArgumentException("resendAfter must be positive: " + resendAfter);
        }
        if (shutdownFlush.isNegative()) {
            throw new IllegalArgumentException("shutdownFlush must not be negative: " + shutdownFlush);
        }
        if (!retention.isPositive()) {
            throw new IllegalArgumentException("retention must be positive: " + retention);
        }
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("budgetBytes must be positive: " + budgetBytes);
        }
    }

    /** Every default. */
    public static OutboxConfig defaults() {
        return new OutboxConfig(
                DEFAULT_HEARTBEAT_INTERVAL,
                DEFAULT_BATCH_SIZE,
                DEFAULT_MAX_IN_FLIGHT,
                DEFAULT_RESEND_AFTER,
                DEFAULT_SHUTDOWN_FLUSH,
                DEFAULT_RETENTION,
                DEFAULT_BUDGET_BYTES);
    }

    /** Reads the {@code heartbeat.*}, {@code uplink.*}, {@code store.retention} and {@code store.budget} keys. */
    public static OutboxConfig parse(Properties2 c) throws ConfigException {
        Duration heartbeat = c.duration(
                "heartbeat.interval", DEFAULT_HEARTBEAT_INTERVAL, Duration.ofSeconds(1), Duration.ofHours(1));
        if (heartbeat.toMillis() % 1_000 != 0) {
            throw new ConfigException(
                    "heartbeat.interval", "must be whole seconds, got " + heartbeat.toMillis() + "ms");
        }
        return new OutboxConfig(
                heartbeat,
                c.integer("uplink.batch-size", DEFAULT_BATCH_SIZE, 1, MAX_BATCH_SIZE),
                c.integer("uplink.max-in-flight", DEFAULT_MAX_IN_FLIGHT, 1, MAX_IN_FLIGHT),
                c.duration("uplink.resend-after", DEFAULT_RESEND_AFTER, Duration.ofSeconds(1), Duration.ofHours(1)),
                c.duration("uplink.shutdown-flush", DEFAULT_SHUTDOWN_FLUSH, Duration.ZERO, Duration.ofSeconds(30)),
                c.duration("store.retention", DEFAULT_RETENTION, Duration.ofHours(1), Duration.ofDays(366)),
                c.bytes("store.budget", DEFAULT_BUDGET_BYTES, 1L << 20, 1L << 40));
    }
}
