package org.gatepost.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.testing.MoquetteBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent started as a user starts it ({@code java ... org.gatepost.agent.Main --config FILE}, its own logging
 * configuration) with simulated GPIO on a machine that is not a Raspberry Pi: Pi4J's failed board detection is
 * not reported as errors, and the agent states the board in its gpio-ready line.
 */
class AgentStartLogTest {
    @TempDir
    Path dir;

    @Test
    void startsInMockModeOffAPiWithoutErrorLines() throws Exception {
        try (MoquetteBroker broker = MoquetteBroker.startInMemory()) {
            Path config = dir.resolve("agent.properties");
            Files.writeString(
                    config,
                    String.join(
                                    "\n",
                                    "gate.id=north-gate",
                                    "community.secret=a-test-secret-of-enough-length",
                                    "mqtt.url=" + broker.url(),
                                    "store.path=" + dir.resolve("agent.db"),
                                    "thermometer.port=tcp://127.0.0.1:1", // no devices: the drivers retry, which is a
                                    // WARN, not an ERROR
                                    "idcard.port=tcp://127.0.0.1:1",
                                    "gpio.mode=mock",
                                    "console.bind=127.0.0.1",
                                    "console.port=0")
                            + "\n");
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
            Path log = dir.resolve("agent.log");
            Process agent = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "--config",
                            config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (!Files.readString(log, StandardCharsets.UTF_8).contains("event=agent-started")) {
                    assertTrue(agent.isAlive(), "the agent exited:\n" + Files.readString(log, StandardCharsets.UTF_8));
                    assertTrue(System.nanoTime() < deadline, "no event=agent-started within 60 s");
                    Thread.sleep(50); // polling another process's log file: there is no event to await
                }
            } finally {
                agent.destroy();
                agent.waitFor(30, TimeUnit.SECONDS);
                agent.destroyForcibly();
            }
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            assertEquals(
                    List.of(), lines.stream().filter(l -> l.contains(" ERROR ")).toList(), "ERROR lines");
            assertEquals(
                    List.of(),
                    lines.stream()
                            .filter(l -> l.contains("BoardInfoHelper") || l.contains("BoardCodeReader"))
                            .toList(),
                    "Pi4J board detection lines");
            assertTrue(
                    lines.stream()
                            .anyMatch(l -> l.contains(
                                    "event=gpio-ready provider=mock-digital-output simulated=true" + " board=UNKNOWN")),
                    String.join("\n", lines));
            assertTrue(
                    lines.stream().anyMatch(l -> l.contains("event=agent-stopped")),
                    "the agent did not stop cleanly:\n" + String.join("\n", lines));
        }
    }
}
