package org.gatepost.hub.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.GateHealth;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges read from the database rather than from this instance's own work: per gate the latest stored heartbeat
 * (one series per gate and field, one per gate and device for the device health), and the open alerts by kind.
 * Every hub instance on one database therefore answers the same. {@link #refresh()} reads at most once per
 * {@link #MAX_AGE}: two queries (the {@code gate_health} rows, one grouped count over the alerts), whatever the
 * scrape rate. When the store cannot be read the previous values stay and {@code gatepost_store_read_ok} is 0.
 * Thread safe: refreshes are serialised.
 */
final class StoreGauges {
    private static final Logger log = LoggerFactory.getLogger(StoreGauges.class);
    /** Scrapes closer together than this share one read of the database. */
    static final Duration MAX_AGE = Duration.ofSeconds(5);
    /** Alert kinds shown even while none is open, so a closed kind reads 0 instead of vanishing. */
    static final Set<String> KNOWN_ALERT_KINDS =
            Arrays.stream(AlertKind.values()).map(AlertKind::wire).collect(Collectors.toUnmodifiableSet());

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private record GateGauge(MultiGauge gauge, ToDoubleFunction<GateHealth> value) {}

    private final HubStore store;
    private final Clock clock;
    private final List<GateGauge> gateGauges = new ArrayList<>();
    private final MultiGauge deviceHealthy;
    private final MultiGauge alertsOpen;
    private final Set<String> alertKinds = new TreeSet<>(KNOWN_ALERT_KINDS);
    private volatile boolean readOk = true;
    private Instant readAt;

    StoreGauges(MeterRegistry registry, HubStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        gate(
                registry,
                "gatepost.gate.backlog",
                null,
                "Entries the gate has stored but not had acknowledged",
                GateHealth::backlog);
        gate(
                registry,
                "gatepost.gate.oldest.unsent.age",
                "seconds",
                "Age of the gate's oldest unacknowledged entry by its clock; 0 when none",
                h -> h.oldestUnsentAgeS() == null ? 0 : h.oldestUnsentAgeS());
        gate(
                registry,
                "gatepost.gate.unrecorded",
                null,
                "Decisions the gate could not store since its agent started",
                GateHealth::unrecorded);
        gate(
                registry,
                "gatepost.gate.store.used",
                "bytes",
                "Size of the gate's database files",
                GateHealth::storeBytes);
        gate(
                registry,
                "gatepost.gate.store.budget",
                "bytes",
                "The gate's storage budget (store.budget)",
                GateHealth::storeBudgetBytes);
        gate(
                registry,
                "gatepost.gate.store.used.ratio",
                null,
                "Share of the gate's storage budget in use, 0 to 1 (the hub alerts at 0.8)",
                h -> h.storeUsedPct() / 100.0);
        gate(
                registry,
                "gatepost.gate.store.error",
                null,
                "1 while the gate reports a storage error, else 0",
                h -> h.storeError() == null ? 0 : 1);
        gate(
                registry,
                "gatepost.gate.clock.synced",
                null,
                "1 when the gate's clock is synchronised, else 0",
                h -> h.clockSynced() ? 1 : 0);
        gate(
                registry,
                "gatepost.gate.last.seq",
                null,
                "Highest sequence number the gate has committed",
                GateHealth::lastSeq);
        gate(
                registry,
                "gatepost.gate.heartbeat.interval",
                "seconds",
                "The heartbeat interval the gate announced",
                GateHealth::intervalS);
        gate(
                registry,
                "gatepost.gate.last.heartbeat.timestamp",
                "seconds",
                "When the hub received the gate's latest heartbeat, Unix time",
                h -> h.receivedAt().toEpochMilli() / 1000.0);
        deviceHealthy = MultiGauge.builder("gatepost.gate.device.healthy")
                .description("1 when the device is healthy, 0 while it raises a device-fault alert (not connected; "
                        + "a silent reader or input is healthy)")
                .register(registry);
        alertsOpen = MultiGauge.builder("gatepost.alerts.open")
                .description("Alerts neither acknowledged nor resolved, by kind (from the database)")
                .register(registry);
        Gauge.builder("gatepost.store.read.ok", this, g -> g.readOk ? 1 : 0)
                .description("1 when the last read of the database for these gauges worked, else 0 (values are stale)")
                .register(registry);
    }

    private void gate(
            MeterRegistry registry, String name, String unit, String help, ToDoubleFunction<GateHealth> value) {
        gateGauges.add(new GateGauge(
                MultiGauge.builder(name).baseUnit(unit).description(help).register(registry), value));
    }

    /** Reads the database unless the last read is younger than {@link #MAX_AGE}. Called on scrape. */
    synchronized void refresh() {
        Instant now = clock.instant();
        if (readAt != null && Duration.between(readAt, now).compareTo(MAX_AGE) < 0) {
            return;
        }
        readAt = now;
        try {
            List<GateHealth> health = store.gateHealth();
            Map<String, Long> open = store.openAlertsByKind();
            for (GateGauge g : gateGauges) {
                List<MultiGauge.Row<?>> rows = new ArrayList<>(health.size());
                for (GateHealth h : health) {
                    rows.add(MultiGauge.Row.of(
                            Tags.of("gate", h.gate()), g.value().applyAsDouble(h)));
                }
                g.gauge().register(rows, true);
            }
            deviceHealthy.register(devices(health), true);
            alertKinds.addAll(open.keySet());
            Map<String, Long> byKind = new TreeMap<>();
            alertKinds.forEach(k -> byKind.put(k, open.getOrDefault(k, 0L)));
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            byKind.forEach((k, n) -> rows.add(MultiGauge.Row.of(Tags.of("kind", k), n)));
            alertsOpen.register(rows, true);
            readOk = true;
        } catch (StoreException e) {
            if (readOk) {
                log.warn("event=metrics-store-read-failed action=showing-last-values reason={}", e.getMessage());
            }
            readOk = false;
        }
    }

    private static List<MultiGauge.Row<?>> devices(List<GateHealth> health) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (GateHealth h : health) {
            try {
                for (JsonNode d : MAPPER.readTree(h.devicesJson())) {
                    String kind = d.path("kind").asText("unknown");
                    boolean faulty =
                            HealthRules.deviceFaulty(kind, d.path("state").asText(""));
                    rows.add(MultiGauge.Row.of(
                            Tags.of("gate", h.gate(), "device", d.path("name").asText(""), "kind", kind),
                            faulty ? 0 : 1));
                }
            } catch (IOException e) {
                log.warn("event=stored-devices-unreadable gate={} reason={}", h.gate(), e.getMessage());
            }
        }
        return rows;
    }
}
