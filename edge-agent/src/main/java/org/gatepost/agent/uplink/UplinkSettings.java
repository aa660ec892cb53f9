package org.gatepost.agent.uplink;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.contract.Topics;

/**
 * What the uplink needs to know, validated once. A bad value fails with a message naming the field. The defaults
 * and limits are those of the configuration keys ({@link OutboxConfig}).
 *
 * @param brokerUrl   {@code tcp://host:port} or {@code ssl://host:port}
 * @param gateId      the gate id; also the MQTT client id and the {@code {gateId}} of every topic
 * @param username    MQTT username, or null for none
 * @param password    MQTT password, or null for none (only with a username)
 * @param keepAlive   MQTT keepalive, whole seconds, at least 1 s
 * @param maxInFlight messages (single entries or batches) published and not yet acknowledged by the broker (PUBACK)
 * @param resendAfter republish every unacknowledged entry when the hub's ack has not advanced for this long
 * @param boot        this process run's boot id (a UUID string), carried in every status message
 * @param batchSize   most entries in one {@code batch} message; 1 sends single entries only
 * @param heartbeatInterval time between heartbeats, whole seconds
 * @param shutdownFlush on {@link MqttUplink#close()}, how long pending entries may still be published; zero skips it
 */
public record UplinkSettings(
        String brokerUrl,
        String gateId,
        String username,
        String password,
        Duration keepAlive,
        int maxInFlight,
        Duration resendAfter,
        String boot,
        int batchSize,
        Duration heartbeatInterval,
        Duration shutdownFlush) {
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(20);

    public UplinkSettings {
        Objects.requireNonNull(brokerUrl, "brokerUrl");
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(keepAlive, "keepAlive");
        Objects.requireNonNull(resendAfter, "resendAfter");
        Objects.requireNonNull(boot, "boot");
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        Objects.requireNonNull(shutdownFlush, "shutdownFlush");
        if (!brokerUrl.matches("(tcp|ssl)://[^/]+:\\d{1,5}")) {
            throw new IllegalArgumentException(
                    "brokerUrl must look like tcp://host:port or ssl://host:port: " + brokerUrl);
        }
        if (!Topics.GATE_ID.matcher(gateId).matches()) {
            throw new IllegalArgumentException("gateId must match " + Topics.GATE_ID.pattern() + ": " + gateId);
        }
        if (password != null && username == null) {
            throw new IllegalArgumentException("password is set but username is not");
        }
        if (keepAlive.toMillis() < 1_000 || keepAlive.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException(
                    "keepAlive must be a whole number of seconds, at least 1 s: " + keepAlive);
        }
        if (maxInFlight < 1 || maxInFlight > OutboxConfig.MAX_IN_FLIGHT) {
            throw new IllegalArgumentException(
                    "maxInFlight must be 1.." + OutboxConfig.MAX_IN_FLIGHT + ": " + maxInFlight);
        }
        if (resendAfter.isNegative() || resendAfter.isZero()) {
            throw new IllegalArgumentException("resendAfter must be positive: " + resendAfter);
        }
        if (boot.isBlank()) {
            throw new IllegalArgumentException("boot must not be blank");
        }
        if (batchSize < 1 || batchSize > OutboxConfig.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batchSize must be 1.." + OutboxConfig.MAX_BATCH_SIZE + ": " + batchSize);
        }
        if (heartbeatInterval.toMillis() < 1_000 || heartbeatInterval.toMillis() % 1_000 != 0) {
            throw new IllegalArgumentException(
                    "heartbeatInterval must be whole seconds, at least 1 s: " + heartbeatInterval);
        }
        if (shutdownFlush.isNegative()) {
            throw new IllegalArgumentException("shutdownFlush must not be negative: " + shutdownFlush);
        }
    }

    /** Anonymous connection, every other value its default. */
    public static UplinkSettings of(String brokerUrl, String gateId, String boot) {
        return new UplinkSettings(
                brokerUrl,
                gateId,
                null,
                null,
                DEFAULT_KEEP_ALIVE,
                OutboxConfig.DEFAULT_MAX_IN_FLIGHT,
                OutboxConfig.DEFAULT_RESEND_AFTER,
                boot,
                OutboxConfig.DEFAULT_BATCH_SIZE,
                OutboxConfig.DEFAULT_HEARTBEAT_INTERVAL,
                OutboxConfig.DEFAULT_SHUTDOWN_FLUSH);
    }

    /** A copy with another resend interval. */
    public UplinkSettings withResendAfter(Duration resendAfter) {
        return copy(d -> d.resendAfter = resendAfter);
    }

    /** A copy with credentials. */
    public UplinkSettings withCredentials(String username, String password) {
        return copy(d -> {
            d.username = username;
            d.password = password;
        });
    }

    /** A copy with another batch size and in-flight window. */
    public UplinkSettings withBatching(int batchSize, int maxInFlight) {
        return copy(d -> {
            d.batchSize = batchSize;
            d.maxInFlight = maxInFlight;
        });
    }

    /** A copy with another heartbeat interval. */
    public UplinkSettings withHeartbeatInterval(Duration heartbeatInterval) {
        return copy(d -> d.heartbeatInterval = heartbeatInterval);
    }

    /** A copy with another shutdown flush time. */
    public UplinkSettings withShutdownFlush(Duration shutdownFlush) {
        return copy(d -> d.shutdownFlush = shutdownFlush);
    }

    /** These settings with {@code changes} applied; the copy is validated like any other. */
    private UplinkSettings copy(Consumer<Draft> changes) {
        Draft draft = new Draft(this);
        changes.accept(draft);
        return draft.build();
    }

    /** The values of a copy in the making. */
    private static final class Draft {
        private final String brokerUrl;
        private final String gateId;
        private String username;
        private String password;
        private final Duration keepAlive;
        private int maxInFlight;
        private Duration resendAfter;
        private final String boot;
        private int batchSize;
        private Duration heartbeatInterval;
        private Duration shutdownFlush;

        Draft(UplinkSettings from) {
            brokerUrl = from.brokerUrl;
            gateId = from.gateId;
            username = from.username;
            password = from.password;
            keepAlive = from.keepAlive;
            maxInFlight = from.maxInFlight;
            resendAfter = from.resendAfter;
            boot = from.boot;
            batchSize = from.batchSize;
            heartbeatInterval = from.heartbeatInterval;
            shutdownFlush = from.shutdownFlush;
        }

        UplinkSettings build() {
            return new UplinkSettings(
                    brokerUrl,
                    gateId,
                    username,
                    password,
                    keepAlive,
                    maxInFlight,
                    resendAfter,
                    boot,
                    batchSize,
                    heartbeatInterval,
                    shutdownFlush);
        }
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "UplinkSettings[brokerUrl=" + brokerUrl + ", gateId=" + gateId + ", username=" + username
                + ", password=" + (password == null ? "none" : "***") + ", keepAlive=" + keepAlive
                + ", maxInFlight=" + maxInFlight + ", resendAfter=" + resendAfter + ", boot=" + boot
                + ", batchSize=" + batchSize + ", heartbeatInterval=" + heartbeatInterval
                + ", shutdownFlush=" + shutdownFlush + "]";
    }
}
