package org.gatepost.hub.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.gatepost.hub.Hub;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HeadlessChrome;
import org.gatepost.hub.testing.TestGateClient;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;

/**
 * Renders the main views (overview, alerts, entry search, reports; then the overview and the entries view in
 * Simplified Chinese) with demo-like data and saves PNG screenshots to {@code target/screenshots/}. The Chinese
 * pictures need a CJK font (Debian: {@code fonts-noto-cjk}), else the text shows as boxes. The documentation's pictures come from here:
 * {@code mvn -pl hub test -Dtest=DashboardScreenshotsTest -Dgatepost.screenshots=../docs/images} also copies
 * them to {@code docs/images/}.
 */
class DashboardScreenshotsTest {
    private static final String[] GATES = {"north-gate", "south-gate", "east-gate", "west-gate"};
    private static final String[] REGIONS = {"110105", "310115", "440305", "330106", "510107", "420106", "320102"};
    private static final long MAX_PNG_BYTES = 300 * 1024;

    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(2020);

    @Test
    void capturesTheMainViewsAsSmallPngs() throws Exception {
        try (Hub hub = Hub.start(TestHubs.config(dir), Clock.systemUTC());
                TestGateClient gates = TestGateClient.connect(hub.brokerUrl(), "screenshot-gates")) {
            storeHistory(hub);
            int published = publishToday(gates);
            Await.until("today's entries stored", () -> hub.ingestStats().entriesStored() >= published);
            Await.until(
                    "the last gate offline",
                    () -> hub.store().gates(Instant.EPOCH).stream()
                            .anyMatch(g -> g.gate().equals(GATES[GATES.length - 1])
                                    && g.state().equals("offline")));
            ApiSession admin = ApiSession.admin(hub.httpPort());
            handleSomeAlerts(admin);

            ChromeDriver driver = HeadlessChrome.start(dir.resolve("browser"), 1280, 1000);
            try {
                DashboardPage page = new DashboardPage(driver, hub.httpPort()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.waitUntil(d -> d.findElements(By.cssSelector(".gate-card")).size() == GATES.length);
                save(driver, "dashboard.png");

                page.show("alerts");
                new Select(driver.findElement(By.cssSelector("#alert-filter select[name=state]"))).selectByValue("");
                page.waitUntil(d -> page.rows("alerts").size() > 4);
                save(driver, "dashboard-alerts.png");

                page.show("entries");
                page.waitUntil(d -> !page.rows("results").isEmpty()); // the newest entries, shown at once
                driver.findElement(By.cssSelector("#entry-search input[name=masked]"))
                        .sendKeys("440305");
                driver.findElement(By.cssSelector("#entry-search button")).click();
                page.waitUntil(d -> !page.rows("results").isEmpty()
                        && page.rows("results").stream()
                                .allMatch(r -> r.getText().contains("440305")));
                save(driver, "dashboard-search.png");

                page.show("reports");
                page.waitUntil(d -> !page.rows("report-days").isEmpty()
                        && !page.rows("report-gates").isEmpty());
                save(driver, "dashboard-reports.png");
            } finally {
                driver.quit();
            }

            assertChineseFont();
            ChromeDriver chinese = HeadlessChrome.start(dir.resolve("browser-zh"), 1280, 1000, "zh-CN,zh;q=0.9");
            try {
                DashboardPage page =
                        new DashboardPage(chinese, hub.httpPort()).signIn("admin", TestHubs.ADMIN_PASSWORD);
                page.waitUntil(d -> d.findElements(By.cssSelector(".gate-card")).size() == GATES.length
                        && "总览"
                                .equals(d.findElement(By.cssSelector("nav a[data-view='overview']"))
                                        .getText()));
                save(chinese, "dashboard-zh.png");

                page.show("entries");
                page.waitUntil(d -> !page.rows("results").isEmpty());
                save(chinese, "dashboard-entries-zh.png");
            } finally {
                chinese.quit();
            }
        }
    }

    /** Six earlier days of entries, stored directly (as if ingested then), so the reports have history. */
    private void storeHistory(Hub hub) throws Exception {
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        AlertRules rules = new AlertRules();
        for (String gate : GATES) {
            String epoch = String.format(Locale.ROOT, "%016x", random.nextLong());
            long seq = 0;
            for (int day = 6; day >= 1; day--) {
                int n = 25 + random.nextInt(40);
                for (int i = 0; i < n; i++) {
                    Instant at = today.minus(day, ChronoUnit.DAYS).plusSeconds(6 * 3600 + random.nextInt(14 * 3600));
                    EntryMessage e = entry(gate, epoch, ++seq, at);
                    hub.store().commitEntry(e, at.plusMillis(300), rules.forEntry(e));
                }
            }
        }
    }

    /**
     * Today's arrivals at each gate, published over MQTT as the gates would, with statuses and heartbeats; the
     * last gate then loses its connection (its last will).
     */
    private int publishToday(TestGateClient client) throws Exception {
        int total = 0;
        Instant now = Instant.now();
        String lastEpoch = "";
        for (String gate : GATES) {
            String epoch = String.format(Locale.ROOT, "%016x", random.nextLong());
            lastEpoch = epoch;
            ObjectNode status = Contract.json("status-online.json");
            status.put("gate", gate).put("epoch", epoch).put("at", ContractJson.TIME_FORMAT.format(now));
            client.publish(Topics.status(gate), bytes(status), true);
            int n = 6 + random.nextInt(8);
            for (int seq = 1; seq <= n; seq++) {
                Instant at = now.minusSeconds((long) (n - seq) * 40 + random.nextInt(30));
                EntryMessage e = entry(gate, epoch, seq, at);
                client.publish(Topics.entries(gate), ContractJson.canonical(e).getBytes(StandardCharsets.UTF_8));
                total++;
            }
            ObjectNode hb = Contract.json("heartbeat.json");
            hb.put("gate", gate)
                    .put("epoch", epoch)
                    .put("at", ContractJson.TIME_FORMAT.format(now))
                    .put("last_seq", n)
                    .put("acked_up_to", n)
                    .put("backlog", 0)
                    .putNull("oldest_unsent_age_s");
            client.publish("gatepost/v1/gates/" + gate + "/heartbeat", bytes(hb));
        }
        String lost = GATES[GATES.length - 1];
        ObjectNode will = Contract.json("status-offline-lost.json");
        will.put("gate", lost).put("epoch", lastEpoch).put("at", ContractJson.TIME_FORMAT.format(now));
        client.publish(Topics.status(lost), bytes(will), true);
        return total;
    }

    /** Earlier days' alerts were handled then; of today's fevers, the second is acknowledged, the third resolved. */
    private void handleSomeAlerts(ApiSession admin) {
        String today = ContractJson.TIME_FORMAT.format(Instant.now().truncatedTo(ChronoUnit.DAYS));
        int handledToday = 0;
        for (JsonNode a : admin.getJson("/api/alerts?limit=1000").get("alerts")) {
            long id = a.get("id").longValue();
            if (a.get("raised_at").textValue().compareTo(today) < 0) {
                admin.post("/api/alerts/" + id + "/resolve", Map.of("note", "re-measured after a rest: 36.8 °C"));
            } else if (a.get("kind").textValue().equals("fever") && handledToday++ == 1) {
                admin.post("/api/alerts/" + id + "/acknowledge", Map.of("note", "resident sent home, clinic called"));
            } else if (a.get("kind").textValue().equals("fever") && handledToday == 3) {
                admin.post(
                        "/api/alerts/" + id + "/resolve", Map.of("note", "hot drink; re-measured 36.9 °C, admitted"));
            }
        }
    }

    private EntryMessage entry(String gate, String epoch, long seq, Instant at) throws Exception {
        boolean fever = random.nextDouble() < 0.06;
        boolean noReading = !fever && random.nextDouble() < 0.05;
        double body = fever ? 37.4 + random.nextInt(150) / 100.0 : 36.0 + random.nextInt(120) / 100.0;
        ObjectNode n = Contract.json("entry-admit.json");
        n.put("gate", gate)
                .put("epoch", epoch)
                .put("seq", seq)
                .put("id", gate + "-" + epoch + "-" + seq)
                .put("at", ContractJson.TIME_FORMAT.format(at))
                .put("decision", fever ? "deny-fever" : noReading ? "no-reading" : "admit");
        String last = String.format(Locale.ROOT, "%03d", random.nextInt(1000))
                + (random.nextInt(10) == 0 ? "X" : Integer.toString(random.nextInt(10)));
        ((ObjectNode) n.get("credential")).put("masked", REGIONS[random.nextInt(REGIONS.length)] + "********" + last);
        if (noReading) {
            n.putNull("temperature");
        } else {
            ((ObjectNode) n.get("temperature")).put("body_c", body).put("object_c", body - 0.9);
        }
        return ContractJson.parseEntry(bytes(n), gate);
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Without a Chinese font the pictures would show boxes: fail and name the package instead. */
    private static void assertChineseFont() throws Exception {
        Process fc;
        try {
            fc = new ProcessBuilder("fc-list", ":lang=zh-cn", "family")
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("fc-list is missing: apt-get install fontconfig fonts-noto-cjk", e);
        }
        String fonts = new String(fc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        fc.waitFor();
        assertTrue(!fonts.isBlank(), "no Chinese font (fc-list :lang=zh-cn): apt-get install fonts-noto-cjk");
    }

    private static void save(ChromeDriver driver, String name) throws Exception {
        Path out = Path.of("target", "screenshots", name);
        Files.createDirectories(out.getParent());
        Files.write(out, driver.getScreenshotAs(OutputType.BYTES));
        long size = Files.size(out);
        assertTrue(size > 10_000 && size < MAX_PNG_BYTES, name + " is " + size + " bytes");
        String docs = System.getProperty("gatepost.screenshots");
        if (docs != null && !docs.isBlank()) {
            Files.copy(out, Path.of(docs).resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
