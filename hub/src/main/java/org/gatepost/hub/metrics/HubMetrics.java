package org.gatepost.hub.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.gatepost.hub.ingest.IngestLanes;
import org.gatepost.hub.ingest.IngestObserver;
import org.gatepost.hub.ingest.IngestStats;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.web.Metrics;

/**
 * The hub's Prometheus metrics (docs/metrics.md), the one place Micrometer appears. This instance's own work
 * (ingest counters and lag, store transaction times, MQTT sessions, HTTP, JVM) is measured here; the per-gate and
 * per-alert-kind gauges are read from the database at scrape time ({@link StoreGauges}), so every instance on one
 * database shows the same values for those. Thread safe: the ingest thread and Jetty's threads call in.
 */
public final class HubMetrics implements IngestObserver, Metrics, AutoCloseable {
    /** Histogram buckets of the ingest lag and the store transaction time. */
    static final Duration[] BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMinutes(2),
        Duration.ofMinutes(10)
    };

    private static final Set<String> LINT_FAILURES = Set.of("process.cpu.time", "system.cpu.count");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final StoreGauges storeGauges;
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<IngestLanes.Lane, Timer> lag = new EnumMap<>(IngestLanes.Lane.class);
    private final Timer committed;
    private final Timer failed;
    /** Micrometer holds a gauge's state object weakly: these keep theirs alive. */
    private final Map<String, BooleanSupplier> mqtt;

    private Supplier<IngestStats> ingest;

    /** @param mqtt whether each MQTT session ({@code live}, {@code bulk}) is connected now */
    public HubMetrics(HubStore store, Clock clock, Map<String, BooleanSupplier> mqtt) {
        // Two of ProcessorMetrics' names break Prometheus' naming rules (promtool check metrics), and
        // process_cpu_usage / system_cpu_usage say the same: left out.
        registry.config().meterFilter(MeterFilter.deny(id -> LINT_FAILURES.contains(id.getName())));
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        for (IngestLanes.Lane lane : IngestLanes.Lane.values()) {
            lag.put(
                    lane,
                    Timer.builder("gatepost.ingest.lag")
                            .description("From the hub receiving a message from the broker to its commit")
                            .tag("lane", lane.name().toLowerCase(Locale.ROOT))
                            .serviceLevelObjectives(BUCKETS)
                            .register(registry));
        }
        committed = commitTimer("ok");
        failed = commitTimer("failed");
        mqtt.forEach((session, connected) -> Gauge.builder(
                        "gatepost.mqtt.connected", connected, c -> c.getAsBoolean() ? 1 : 0)
                .description("1 while the hub's MQTT session is connected to the broker, else 0")
                .tag("session", session)
                .register(registry));
        this.mqtt = Map.copyOf(mqtt);
        storeGauges = new StoreGauges(registry, store, clock);
    }

    /** Exposes the ingest counters of this instance, read from {@code ingest} at scrape time. Call once. */
    public synchronized void countIngest(Supplier<IngestStats> ingest) {
        this.ingest = ingest;
        ingestCounter(
                "gatepost.ingest.entries.stored",
                "New entries committed by this instance",
                ingest,
                IngestStats::entriesStored);
        ingestCounter(
                "gatepost.ingest.duplicates",
                "Entries received again that were already stored",
                ingest,
                IngestStats::duplicates);
        ingestCounter("gatepost.ingest.statuses", "Gate status messages processed", ingest, IngestStats::statuses);
        ingestCounter(
                "gatepost.ingest.dead.letters", "Messages set aside as invalid", ingest, IngestStats::deadLetters);
        ingestCounter(
                "gatepost.ingest.store.failures",
                "Failed store transactions of ingest (each is retried)",
                ingest,
                IngestStats::storeFailures);
        ingestCounter(
                "gatepost.ingest.ack.failures",
                "MQTT acknowledgements that could not be sent",
                ingest,
                IngestStats::ackFailures);
        Gauge.builder("gatepost.ingest.queued", ingest, s -> s.get().queued())
                .description("Messages received and waiting for the ingest thread")
                .register(registry);
    }

    private void ingestCounter(String name, String help, Supplier<IngestStats> ingest, ToLongFunction<IngestStats> f) {
        FunctionCounter.builder(name, ingest, s -> f.applyAsLong(s.get()))
                .description(help)
                .register(registry);
    }

    private Timer commitTimer(String outcome) {
        return Timer.builder("gatepost.store.commit")
                .description("Duration of ingest's store transactions (one per group of messages)")
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    @Override
    public void transaction(Duration took, boolean ok) {
        (ok ? committed : failed).record(took);
    }

    @Override
    public void committed(IngestLanes.Lane lane, Duration lagged) {
        lag.get(lane).record(lagged);
    }

    @Override
    public void request(String method, String route, int status, Duration took) {
        Timer.builder("gatepost.http.requests")
                .description("HTTP requests answered, by route template")
                .tags("method", method, "route", route, "status", Integer.toString(status))
                .register(registry)
                .record(took);
    }

    @Override
    public String scrape() {
        storeGauges.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
