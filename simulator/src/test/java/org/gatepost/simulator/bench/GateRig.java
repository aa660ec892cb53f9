package org.gatepost.simulator.bench;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.scanner.ScannerEmulator;
import org.gatepost.simulator.testing.QrGateAgents;

/**
 * One gate as deployed: its hardware emulated byte for byte on socat pseudo-terminals (the GY-MCU
 * thermometer streaming at 14 Hz and the SAM reader from {@link SimulatedGate}, plus a QR scanner, the fastest
 * credential) and the agent in its own JVM with the gate's heap ({@code -Xmx64m -XX:+UseSerialGC}), measure
 * {@code 1} sample per decision. {@link #scan} returns when the scanner wrote a code's last byte.
 */
final class GateRig implements AutoCloseable {
    static final String AGENT_STARTED = "event=agent-started";
    static final String UPLINK_CONNECTED = "event=uplink-connected";
    /** The agent's QR driver opened its port: scans from now on reach it. */
    static final String SCANNER_OPEN = "event=connected device=qr ";
    /** One line per decision the agent made (committed and signalled). */
    static final String DECISION = "event=decision ";

    private static final Duration AGENT_READY_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a scan's write may take before the rig gives up: a hang, not a measurement. On a loaded machine
     * the pty write waits until socat and the agent have read what is ahead of it.
     */
    private static final Duration SCAN_WRITE_TIMEOUT = Duration.ofSeconds(30);

    final String gateId;
    final Path dir;
    final Path agentDb;
    private final SimulatedGate gate;
    private final SocatPtyPair qrPty;
    private final ScannerEmulator qr;
    private final AtomicReference<TimedLink> qrLink = new AtomicReference<>();
    private final TimedLink.Marks qrWrites = new TimedLink.Marks();
    private final Path config;
    private final List<JavaProcess> agents = new ArrayList<>();
    private JavaProcess agent;

    GateRig(Path dir, String gateId, String mqttUrl) throws IOException {
        this.dir = dir;
        this.gateId = gateId;
        this.agentDb = dir.resolve(gateId + ".db");
        this.config = dir.resolve(gateId + ".properties");
        this.gate = SimulatedGate.start(gateId, dir.resolve("dev"), true);
        this.qrPty = SocatPtyPair.start(dir.resolve("dev"), gateId + "-qr");
        this.qr = new ScannerEmulator(() -> {
                    TimedLink l = new TimedLink(
                            JSerialCommLink.open(qrPty.deviceEnd().toString(), SimulatedGate.READER_BAUD, 50),
                            qrWrites);
                    qrLink.set(l);
                    return l;
                })
                .start();
        Properties p = QrGateAgents.properties(gateId, gate, mqttUrl, HubProcess.SECRET, agentDb, qrPty.agentEnd());
        Programs.overrideAgentConfig(p);
        try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
            p.store(w, "benchmark agent");
        }
    }

    /** The thermometer sees a person at {@code objectC} from now on. */
    void aim(double objectC) {
        gate.aim(objectC);
    }

    /** Launches the agent's JVM with the flags; returns at once. */
    JavaProcess startAgent() throws IOException {
        return startAgent(Programs.agentJvm());
    }

    /** Launches the agent's JVM with {@code jvmFlags}; returns at once. */
    JavaProcess startAgent(List<String> jvmFlags) throws IOException {
        agent = JavaProcess.start(
                "agent-" + gateId,
                jvmFlags,
                Programs.agent(),
                List.of("--config", config.toString()),
                List.of(AGENT_STARTED, UPLINK_CONNECTED, SCANNER_OPEN, DECISION, BacklogDrainBench.CONNECT_FAILED),
                dir.resolve(gateId + "-agent.log"));
        agents.add(agent);
        return agent;
    }

    /** Launches the agent (the flags) and waits until its uplink is connected and its scanner port open. */
    JavaProcess startAgentConnected() throws IOException, TimeoutException, InterruptedException {
        return startAgentConnected(Programs.agentJvm());
    }

    /** Launches the agent with {@code jvmFlags} and waits until its uplink is connected and its scanner port open. */
    JavaProcess startAgentConnected(List<String> jvmFlags) throws IOException, TimeoutException, InterruptedException {
        JavaProcess p = startAgent(jvmFlags);
        p.awaitMarker(UPLINK_CONNECTED, AGENT_READY_TIMEOUT);
        p.awaitMarker(SCANNER_OPEN, AGENT_READY_TIMEOUT);
        awaitScannerOpen();
        return p;
    }

    JavaProcess agent() {
        return agent;
    }

    /** Scans a unique code; returns when its last byte was written ({@link System#nanoTime()}). */
    long scan(String code) throws TimeoutException, InterruptedException {
        awaitScannerOpen();
        long before = qrWrites.writes();
        qr.scan(code);
        return qrWrites.awaitWriteAfter(before, SCAN_WRITE_TIMEOUT, this::scannerState);
    }

    /** The QR emulator's counts and its thread's stack: where a write that never returned is stuck. */
    private String scannerState() {
        StringBuilder s = new StringBuilder(String.format(
                "QR scanner emulator of %s: %d scans written, %d links opened",
                gateId, qr.scansWritten(), qr.connections()));
        Thread.getAllStackTraces().forEach((t, stack) -> {
            if (t.getName().startsWith("scanner-emulator")) {
                s.append("; thread ").append(t.getName()).append(' ').append(t.getState());
                for (StackTraceElement e : stack) {
                    s.append("\n\tat ").append(e);
                }
            }
        });
        return s.toString();
    }

    private void awaitScannerOpen() throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (qrLink.get() == null) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the QR scanner emulator did not open its pty");
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        for (JavaProcess a : agents) {
            a.close();
        }
        qr.close();
        qrPty.close();
        gate.close();
    }
}
