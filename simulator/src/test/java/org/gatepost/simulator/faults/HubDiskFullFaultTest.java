package org.gatepost.simulator.faults;

import static org.gatepost.simulator.faults.FaultRig.await;
import static org.gatepost.simulator.faults.FaultRig.sleep;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import org.gatepost.agent.testing.MosquittoBroker;
import org.gatepost.hub.Hub;
import org.gatepost.hub.testing.Tmpfs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's disk fills up during a stream of scans at a real gate (agent in its own JVM, emulated devices,
 * Mosquitto): the hub says so on {@code /api/health} and, once the filler file is deleted, catches up by itself.
 * The common check of the fault-injection suite then holds: the hub has exactly {@code 1..lastSeq}. Mounting the
 * hub's 64 MiB tmpfs needs root (CI); otherwise the test reports itself skipped.
 */
class HubDiskFullFaultTest {
    private static final long SCAN_INTERVAL_MILLIS = 60;

    @TempDir
    Path dir;

    private Tmpfs mounted;

    @AfterEach
    void unmount() throws Exception {
        if (mounted != null) {
            mounted.close();
        }
    }

    @Test
    void aFullDiskAtTheHubIsReportedAndTheHubCatchesUpAloneWithNoGap() throws Exception {
        mounted = Tmpfs.mount(dir.resolve("hub-disk"), 64);
        Path disk = mounted.dir();
        Path hubDb = disk.resolve("hub.db");
        try (MosquittoBroker mosquitto = MosquittoBroker.start(dir.resolve("mosquitto"));
                Hub hub = FaultRig.hub(hubDb, mosquitto.url(), Map.of());
                FaultRig rig = new FaultRig(dir.resolve("gate"), "hubfull-gate", mosquitto.url())) {
            rig.gate.aim(35.7);
            rig.startAgent();
            int i = 0;
            while (i < 50) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            await("the first entries at the hub", 30_000, () -> seqs(hubDb, rig).size() >= 40);

            Path filler = disk.resolve("filler");
            fill(filler);
            while (i < 150) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            await(
                    "the hub to report its disk full",
                    30_000,
                    () -> hub.store().diskFull().isPresent());
            int status = healthStatus(hub.httpPort());
            long atHubWhileFull = seqs(hubDb, rig).size();

            Files.delete(filler);
            while (i < 200) {
                rig.scan(++i);
                sleep(SCAN_INTERVAL_MILLIS);
            }
            await("the hub to hold every committed entry", 90_000, () -> {
                try {
                    long last = rig.agentLastSeq();
                    return last > 0 && seqs(hubDb, rig).size() == last;
                } catch (Exception e) {
                    return false;
                }
            });
            rig.agent().stop();
            long lastSeq = rig.agentLastSeq();
            SortedSet<Long> atHub = seqs(hubDb, rig);
            List<Long> signalled = rig.agent().signalledSeqs();
            assertEquals(503, status, "/api/health while the disk was full");
            assertTrue(atHubWhileFull < lastSeq, "the disk filled before the stream ended");
            assertEquals(lastSeq, atHub.size(), "as many entries at the hub as committed at the gate");
            assertEquals(1L, atHub.first());
            assertEquals(lastSeq, atHub.last().longValue(), "no gap");
            assertTrue(atHub.containsAll(signalled), "every signalled entry reached the hub");
            assertEquals(new TreeSet<>(signalled).size(), signalled.size(), "no sequence number signalled twice");
            assertTrue(hub.store().diskFull().isEmpty(), "writable again");
            assertEquals(200, healthStatus(hub.httpPort()));
            System.out.printf(
                    "fault-case=hub-disk-full scans=%d committed=%d at-hub-while-full=%d at-hub=%d "
                            + "health-while-full=%d gaps=0%n",
                    i, lastSeq, atHubWhileFull, atHub.size(), status);
        }
    }

    private static SortedSet<Long> seqs(Path hubDb, FaultRig rig) {
        try {
            return FaultRig.hubSeqs(hubDb, rig.gateId);
        } catch (Exception e) {
            return new TreeSet<>();
        }
    }

    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertTrue(String.valueOf(e.getMessage()).contains("No space left"), e.toString());
        }
    }

    private static int healthStatus(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        }
    }
}
