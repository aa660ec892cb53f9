package org.gatepost.hub.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.Messages;
import org.gatepost.hub.testing.OneHubOnEachBackend;
import org.gatepost.hub.testing.TestGateClient;
import org.junit.jupiter.api.Test;

/**
 * A hub with {@code metrics.token} on each backend, fed by a gate over the embedded broker; {@code /metrics} is
 * scraped as Prometheus would, checked by {@code promtool check metrics}, and its values compared with what the gate
 * sent (docs/metrics.md).
 */
class HubMetricsTest extends OneHubOnEachBackend {
    static final String TOKEN = "metrics-token-for-tests-0123";
    private static final String GATE = "metrics-gate";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Override
    protected Map<String, String> hubKeys() {
        return Map.of("metrics.token", TOKEN);
    }

    private HttpResponse<String> get(Optional<String> authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/metrics"));
        authorization.ifPresent(a -> r.header("Authorization", a));
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<AlertView> alerts() throws Exception {
        return hub.store().recentAlerts(Optional.of(GATE), 10);
    }

    @Test
    void showsIngestGateHealthMqttAndOpenAlertsInTextThatPromtoolAccepts() throws Exception {
        try (TestGateClient gate = TestGateClient.connect(hub.brokerUrl(), GATE)) {
            for (long seq = 1; seq <= 5; seq++) {
                gate.publish(Topics.entries(GATE), Contract.admitWithSeq(GATE, Contract.EPOCH, seq));
            }
            gate.publish(Topics.entries(GATE), Contract.forGate("entry-deny-fever.json", GATE));
            gate.publish(Topics.heartbeat(GATE), Messages.heartbeat(GATE, h -> {
                h.put("backlog", 7);
                h.put("oldest_unsent_age_s", 12.5);
                h.with("store").put("bytes", 1000).put("budget_bytes", 4000).put("used_pct", 25.0);
                Messages.deviceState(h, "idcard", "disconnected");
            }));
            Await.until(
                    "6 entries, a fever and a device fault stored",
                    () -> hub.store().recentEntries(Optional.of(GATE), 100).size() == 6
                            && alerts().stream().anyMatch(a -> a.kind().equals("fever"))
                            && alerts().stream().anyMatch(a -> a.kind().equals("device-fault")));
        }
        Instant heartbeatAt = hub.store().gateHealth().stream()
                .filter(h -> h.gate().equals(GATE))
                .findFirst()
                .orElseThrow()
                .receivedAt();

        HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hub.httpPort() + "/style.css"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> r = get(Optional.of("Bearer " + TOKEN));

        assertEquals(200, r.statusCode(), r.body());
        assertTrue(
                r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
                r.headers().toString());
        PromText m = new PromText(r.body());
        assertEquals(Optional.of(6.0), m.value("gatepost_ingest_entries_stored_total"));
        assertEquals(Optional.of(0.0), m.value("gatepost_ingest_dead_letters_total"));
        assertTrue(m.value("gatepost_ingest_lag_seconds_count", "lane", "live").orElseThrow() >= 7, r.body());
        assertTrue(
                m.value("gatepost_store_commit_seconds_count", "outcome", "ok").orElseThrow() >= 1);
        assertEquals(Optional.of(1.0), m.value("gatepost_mqtt_connected", "session", "live"));
        assertEquals(Optional.of(1.0), m.value("gatepost_mqtt_connected", "session", "bulk"));
        assertEquals(Optional.of(1.0), m.value("gatepost_alerts_open", "kind", "fever"));
        assertEquals(Optional.of(1.0), m.value("gatepost_alerts_open", "kind", "device-fault"));
        assertEquals(Optional.of(0.0), m.value("gatepost_alerts_open", "kind", "storage"));
        assertEquals(Optional.of(7.0), m.value("gatepost_gate_backlog", "gate", GATE));
        assertEquals(Optional.of(12.5), m.value("gatepost_gate_oldest_unsent_age_seconds", "gate", GATE));
        assertEquals(Optional.of(1000.0), m.value("gatepost_gate_store_used_bytes", "gate", GATE));
        assertEquals(Optional.of(0.25), m.value("gatepost_gate_store_used_ratio", "gate", GATE));
        assertEquals(Optional.of(30.0), m.value("gatepost_gate_heartbeat_interval_seconds", "gate", GATE));
        assertEquals(
                Optional.of(heartbeatAt.toEpochMilli() / 1000.0),
                m.value("gatepost_gate_last_heartbeat_timestamp_seconds", "gate", GATE));
        assertEquals(
                Optional.of(1.0),
                m.value("gatepost_gate_device_healthy", "gate", GATE, "device", "thermometer", "kind", "thermometer"));
        assertEquals(
                Optional.of(0.0),
                m.value("gatepost_gate_device_healthy", "gate", GATE, "device", "idcard", "kind", "reader"));
        assertEquals(Optional.of(1.0), m.value("gatepost_store_read_ok"));
        assertTrue(m.has("jvm_memory_used_bytes"), "JVM metrics");
        assertTrue(
                m.value("gatepost_http_requests_seconds_count", "method", "GET", "route", "static", "status", "200")
                                .orElseThrow()
                        >= 1,
                r.body());
        assertNoUndocumentedOrMissingMetric(r.body());

        Promtool.requireInstalled();
        Promtool.Result check = Promtool.run(r.body(), "check", "metrics");
        assertEquals(0, check.exit(), check.output());
    }

    /** Every gatepost_ metric is in docs/metrics.md; every metric the example rules and dashboard use exists. */
    private static void assertNoUndocumentedOrMissingMetric(String scrape) throws Exception {
        Set<String> scraped = new TreeSet<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (\\S+) ").matcher(scrape);
        while (type.find()) {
            scraped.add(type.group(1));
        }
        String docs = Files.readString(Path.of("..", "docs", "metrics.md"));
        for (String name : scraped) {
            if (name.startsWith("gatepost_")) {
                assertTrue(docs.contains("`" + name.replaceAll("_max$", "") + "`"), name + " not in docs/metrics.md");
            }
        }
        for (Path file : List.of(
                Path.of("..", "deploy", "prometheus", "gatepost-rules.yml"),
                Path.of("..", "deploy", "grafana", "gatepost-dashboard.json"))) {
            Matcher used = Pattern.compile("\\b((?:gatepost|jvm)_[a-z_]+)").matcher(Files.readString(file));
            while (used.find()) {
                String name = used.group(1).replaceAll("_(bucket|count|sum)$", "");
                assertTrue(
                        scraped.contains(name) || scraped.contains(name + "_total"),
                        file.getFileName() + " uses " + used.group(1) + ", which the hub does not export");
            }
        }
    }

    @Test
    void answers401WithoutTheRightBearerToken() throws Exception {
        for (Optional<String> auth : List.of(
                Optional.<String>empty(),
                Optional.of("Bearer wrong-token-0123456789"),
                Optional.of(TOKEN),
                Optional.of("Basic " + TOKEN),
                Optional.of("Bearer " + TOKEN + "x"))) {
            HttpResponse<String> r = get(auth);
            assertEquals(401, r.statusCode(), auth.toString());
            assertTrue(r.body().contains("\"error\":\"missing or wrong metrics token"), r.body());
            assertEquals(
                    Optional.of("Bearer realm=\"gatepost-metrics\""),
                    r.headers().firstValue("WWW-Authenticate"));
            assertTrue(!r.body().contains("gatepost_"), r.body());
        }
        assertEquals(
                401,
                ApiSession.admin(hub.httpPort()).get("/metrics").statusCode(),
                "a dashboard session does not open /metrics");
    }
}
