package org.gatepost.hub.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.MosquittoProcess;
import org.gatepost.hub.testing.TestHubs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #13, item 2: the documented largest residents import (32 MB, 200,000 rows) through the real HTTP API of a
 * hub <b>process</b> started with the shipped service's {@code -Xmx256m} ({@code deploy/gatepost-hub.service}),
 * connected to Mosquitto like the shipped hub, then the list published to the gates. A body over the limit is
 * refused with the documented JSON error. Prints time and the largest heap the GC log shows.
 */
class LargeImportUnderShippedHeapTest {
    private static final int ROWS = ResidentImport.MAX_ROWS;
    private static final long LIMIT = 32L * 1024 * 1024;
    private static final String HEAP = "-Xmx256m";

    @TempDir
    Path dir;

    private Process hub;
    private Process broker;

    @AfterEach
    void stop() throws Exception {
        for (Process p : new Process[] {hub, broker}) {
            if (p != null) {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @Test
    void importsTheLargestDocumentedResidentsFileWithinTheShippedHeapAndRefusesALargerOne() throws Exception {
        Path csv = dir.resolve("residents.csv");
        long size = writeResidents(csv, ROWS, LIMIT);
        assertTrue(size > LIMIT - ROWS && size <= LIMIT, "the file is just under the limit: " + size);
        int mqttPort = MosquittoProcess.freePort();
        broker = startBroker(mqttPort);
        int httpPort = MosquittoProcess.freePort();
        Path gcLog = dir.resolve("gc.log");
        Path output = dir.resolve("hub.out");
        hub = startHub(httpPort, mqttPort, gcLog, output);
        Await.until("the hub answers", Duration.ofSeconds(60), () -> healthy(httpPort));
        ApiSession api = ApiSession.login(httpPort, "admin", TestHubs.ADMIN_PASSWORD);

        long started = System.nanoTime();
        HttpResponse<String> r = upload(api, httpPort, HttpRequest.BodyPublishers.ofFile(csv));
        long importMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertEquals(200, r.statusCode(), r.body() + "\n" + tail(output));
        JsonNode body = ApiSession.parse(r.body());
        assertTrue(body.get("applied").booleanValue(), r.body());
        assertEquals(ROWS, body.get("rows").intValue());
        assertEquals(ROWS, body.get("valid").intValue());
        assertEquals(0, body.get("errors_total").intValue());

        Await.until(
                "the residents list published to the gates",
                Duration.ofMinutes(5),
                () -> log(output).contains("event=list-published list=residents version=2"));
        long publishedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        JsonNode found = api.getJson("/api/lists/residents?q=" + "r199999&limit=5");
        assertEquals(1, found.get("residents").size(), found.toString());

        HttpResponse<String> tooLarge =
                upload(api, httpPort, HttpRequest.BodyPublishers.ofByteArray(new byte[(int) LIMIT + 1]));
        assertEquals(413, tooLarge.statusCode(), tooLarge.body());
        assertEquals("{\"error\":\"the file is larger than 32 MB\",\"field\":\"file\"}", tooLarge.body());
        assertTrue(healthy(httpPort), "the hub still answers");
        assertFalse(log(output).contains("OutOfMemoryError"), tail(output));
        System.out.printf(
                "large import: file=%d bytes rows=%d heap=%s import=%d ms published=%d ms "
                        + "peak-heap-before-gc=%d MB peak-heap-after-gc=%d MB%n",
                size, ROWS, HEAP, importMs, publishedMs, peak(gcLog, 1), peak(gcLog, 2));
    }

    /** Residents with Chinese names and addresses, each row padded so the file comes to just under {@code limit}. */
    static long writeResidents(Path file, int rows, long limit) throws IOException {
        String header = "姓名,身份证号,楼栋,单元,户号,网格\n";
        int perRow = (int) ((limit - header.getBytes(StandardCharsets.UTF_8).length) / rows);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(header);
            for (int i = 0; i < rows; i++) {
                String first17 = "110101" + (19500101 + i / 1000 * 100) + String.format("%03d", i % 1000);
                String id = first17 + IdNumbers.checkCharacter(first17);
                String name = "居民" + (char) ('甲' + i % 10) + "r" + i;
                String grid = "东湖社区第" + (i % 40 + 1) + "网格";
                int pad = perRow
                        - 1
                        - (name + "," + id + ",第" + (i / 500 + 1) + "号楼," + (i % 6 + 1) + "单元," + (i % 500 + 101) + "室,"
                                        + grid)
                                .getBytes(StandardCharsets.UTF_8)
                                .length;
                String building = "第" + (i / 500 + 1) + "号楼" + "b".repeat(Math.max(0, pad - pad / 2));
                grid = grid + "g".repeat(Math.max(0, pad / 2));
                w.write(name + "," + id + "," + building + "," + (i % 6 + 1) + "单元," + (i % 500 + 101) + "室," + grid
                        + "\n");
            }
        }
        return Files.size(file);
    }

    private Process startBroker(int port) throws IOException {
        Path conf = dir.resolve("mosquitto.conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n");
        return new ProcessBuilder(MosquittoProcess.BINARY.toString(), "-c", conf.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.out").toFile())
                .start();
    }

    private Process startHub(int httpPort, int mqttPort, Path gcLog, Path output) throws IOException {
        Path conf = dir.resolve("hub.properties");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "community.secret=" + TestHubs.SECRET,
                        "store.path=" + dir.resolve("hub.db"),
                        "mqtt.url=tcp://127.0.0.1:" + mqttPort,
                        "http.host=127.0.0.1",
                        "http.port=" + httpPort,
                        "admin.password=" + TestHubs.ADMIN_PASSWORD,
                        ""));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "--enable-native-access=ALL-UNNAMED",
                "-Xlog:gc:file=" + gcLog,
                "-cp",
                System.getProperty("java.class.path"),
                "org.gatepost.hub.Main",
                "--config",
                conf.toString()));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
    }

    private static HttpResponse<String> upload(ApiSession api, int port, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/lists/residents/import"))
                            .header("Cookie", api.cookie())
                            .header("X-CSRF-Token", api.csrfToken())
                            .header("Content-Type", "text/csv")
                            .timeout(Duration.ofMinutes(10))
                            .POST(body)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static boolean healthy(int port) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String log(Path output) throws IOException {
        return Files.readString(output, StandardCharsets.UTF_8);
    }

    private static String tail(Path output) throws IOException {
        String s = log(output);
        return s.substring(Math.max(0, s.length() - 4000));
    }

    /** The largest heap in MB the GC log shows before ({@code group} 1) or after (2) a collection. */
    private static long peak(Path gcLog, int group) throws IOException {
        Matcher m = Pattern.compile("(\\d+)M->(\\d+)M\\(").matcher(Files.readString(gcLog));
        long max = 0;
        while (m.find()) {
            max = Math.max(max, Long.parseLong(m.group(group)));
        }
        return max;
    }
}
