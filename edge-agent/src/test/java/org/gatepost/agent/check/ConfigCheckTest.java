package org.gatepost.agent.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.gatepost.agent.Main;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code gatepost-agent --check-config}: real serial ports (socat ptys), a real file system, no broker. */
class ConfigCheckTest {
    @TempDir
    Path dir;

    private final List<Process> socats = new ArrayList<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stopSocat() throws InterruptedException {
        for (Process p : socats) {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void fineConfigOpensBothPortsSendsNothingAndExitsZero() throws Exception {
        Path[] thermo = ptyPair("thermo");
        Path[] idcard = ptyPair("idcard");
        Path config = write(Map.of("thermometer.port", thermo[0].toString(), "idcard.port", idcard[0].toString()));

        int rc = run(config);

        assertEquals(0, rc, err());
        assertEquals("", err());
        assertEquals(1, out().lines().count(), out());
        assertTrue(out().startsWith("gatepost-agent: check-config: ok " + config), out());
        assertTrue(out().contains("thermometer.port=" + thermo[0] + " (opened)"), out());
        assertTrue(out().contains("idcard.port=" + idcard[0] + " (opened)"), out());
        assertTrue(out().contains("store.path=" + dir.resolve("agent.db") + " (writable)"), out());
        assertTrue(Files.notExists(dir.resolve("agent.db")), "the check must not create the store");
        for (Path[] pair : List.of(thermo, idcard)) {
            JSerialCommLink device = JSerialCommLink.open(pair[1].toString(), 9600, 300);
            try {
                assertEquals(0, device.read(new byte[64], 0, 64), "the check sent bytes to " + pair[0]);
            } finally {
                device.close();
            }
        }
    }

    @Test
    void eachMissingPortIsOneLineNamingItsKey() throws Exception {
        Path[] thermo = ptyPair("thermo");
        Path config = write(Map.of(
                "thermometer.port",
                thermo[0].toString(),
                "idcard.port",
                "/dev/gatepost-no-such-port",
                "readers",
                "rfid",
                "reader.rfid.protocol",
                "rdm6300",
                "reader.rfid.port",
                dir.resolve("nothing").toString()));

        int rc = run(config);

        assertEquals(2, rc);
        List<String> lines = err().lines().toList();
        assertEquals(2, lines.size(), err());
        assertTrue(lines.get(0).startsWith("gatepost-agent: check-config: idcard.port: "), lines.get(0));
        assertTrue(lines.get(0).contains("/dev/gatepost-no-such-port"), lines.get(0));
        assertTrue(lines.get(1).startsWith("gatepost-agent: check-config: reader.rfid.port: "), lines.get(1));
        assertEquals("", out());
    }

    @Test
    void aBadValueIsOneLineNamingTheKey() throws Exception {
        Path config = write(Map.of("gate.id", "", "thermometer.port", "/dev/x", "idcard.port", "/dev/y"));

        assertEquals(2, run(config));
        assertEquals(
                List.of("gatepost-agent: check-config: gate.id: is required but missing"),
                err().lines().toList());
    }

    @Test
    void aStoreInAMissingFolderIsAProblemOfStorePath() throws Exception {
        Path config = write(Map.of(
                "store.path",
                dir.resolve("gone/agent.db").toString(),
                "thermometer.port",
                "tcp://127.0.0.1:1",
                "idcard.port",
                "tcp://127.0.0.1:2"));

        assertEquals(2, run(config));
        assertEquals(
                List.of("gatepost-agent: check-config: store.path: folder " + dir.resolve("gone") + " does not exist"),
                err().lines().toList());
    }

    @Test
    void aStoreFileThatIsNoSqliteDatabaseIsAProblem() throws Exception {
        Files.writeString(dir.resolve("agent.db"), "not a database at all");
        Path config = write(Map.of("thermometer.port", "tcp://127.0.0.1:1", "idcard.port", "tcp://127.0.0.1:2"));

        assertEquals(2, run(config));
        assertEquals(
                List.of("gatepost-agent: check-config: store.path: " + dir.resolve("agent.db")
                        + " is not a SQLite database"),
                err().lines().toList());
    }

    @Test
    void tcpPortsAreNotContactedAndLocalPortsGetTheirBaud() throws Exception {
        List<String> opened = new ArrayList<>();
        Path config = write(Map.of(
                "thermometer.port", "tcp://192.0.2.1:4001", "idcard.port", "/dev/ttyAMA9", "idcard.baud", "57600"));
        ConfigCheck check = new ConfigCheck((path, baud) -> opened.add(path + "@" + baud));

        assertEquals(
                0,
                check.run(
                        config,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8)),
                err());
        assertEquals(List.of("/dev/ttyAMA9@57600"), opened);
        assertTrue(out().contains("thermometer.port=tcp://192.0.2.1:4001 (tcp, not contacted)"), out());
    }

    @Test
    void aTrustStoreMustExistAndLoad() throws Exception {
        Path good = dir.resolve("ca.p12");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        try (var o = Files.newOutputStream(good)) {
            ks.store(o, "changeit".toCharArray());
        }
        Path junk = Files.writeString(dir.resolve("junk.p12"), "not a key store");

        assertTrue(TrustStoreCheck.problem(null, null).isEmpty());
        assertTrue(TrustStoreCheck.problem(good.toString(), "changeit").isEmpty());
        assertTrue(TrustStoreCheck.problem(dir.resolve("missing.p12").toString(), null)
                .orElseThrow()
                .contains("does not exist or is not readable"));
        assertTrue(
                TrustStoreCheck.problem(junk.toString(), null).orElseThrow().contains("is not a readable trust store"));
    }

    @Test
    void mainRunsTheCheckInsteadOfTheAgent() throws Exception {
        Path config =
                write(Map.of("thermometer.port", "/dev/gatepost-no-such-port", "idcard.port", "tcp://127.0.0.1:2"));

        assertEquals(2, new CommandLine(new Main()).execute("--config", config.toString(), "--check-config"));
    }

    private int run(Path config) {
        return new ConfigCheck(PortOpener.SYSTEM)
                .run(
                        config,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    /** A minimal valid configuration with {@code overrides}. */
    private Path write(Map<String, String> overrides) throws IOException {
        Map<String, String> keys = new TreeMap<>(Map.of(
                "gate.id",
                "north",
                "community.secret",
                "0123456789abcdef-secret",
                "store.path",
                dir.resolve("agent.db").toString(),
                "gpio.mode",
                "mock"));
        keys.putAll(overrides);
        StringBuilder text = new StringBuilder();
        keys.forEach((k, v) ->
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Path file = dir.resolve("agent.properties");
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Two linked pseudo-terminals made by socat: [0] for the agent, [1] the device's end. */
    private Path[] ptyPair(String name) throws IOException, InterruptedException {
        Path a = dir.resolve(name + "-agent");
        Path b = dir.resolve(name + "-device");
        Process p = new ProcessBuilder("socat", "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        socats.add(p);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(Files.exists(a) && Files.exists(b))) {
            if (!p.isAlive()) {
                throw new IOException("socat exited with " + p.exitValue() + " (apt-get install socat)");
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("socat made no ptys in 10 s");
            }
            Thread.sleep(10);
        }
        return new Path[] {a, b};
    }
}
