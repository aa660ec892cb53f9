package org.gatepost.simulator.faults;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Several gates, each a {@link FaultRig} (emulated devices, its agent in its own JVM), and one thread that
 * presents a new person at each gate in turn for as long as scanning is on. The agents log every acknowledgement
 * they receive ({@code event=uplink-ack}, debug), so a test can tell what a gate held as acknowledged at a given
 * moment. Not thread safe apart from the scanning thread it owns; a failure on that thread fails
 * {@link #stopScanning()}.
 */
final class GateFleet implements AutoCloseable {
    private static final String ACK_DEBUG = "-Dorg.slf4j.simpleLogger.log.org.gatepost.agent.uplink.OutboxPump=debug";
    private static final Pattern ACK = Pattern.compile("event=uplink-ack gate=\\S+ upTo=(\\d+)");
    private static final int RIG_ATTEMPTS = 3;
    private static final long PROBE_TIMEOUT_NANOS = 10_000_000_000L;
    final List<FaultRig> rigs = new ArrayList<>();
    private final AtomicLong scans = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean scanning;
    private Thread scanner;

    private GateFleet() {}

    /** Starts {@code count} gates named {@code prefix-1..count} and their agents. */
    static GateFleet start(Path dir, String prefix, int count, String mqttUrl) throws IOException {
        GateFleet fleet = new GateFleet();
        try {
            for (int i = 1; i <= count; i++) {
                String id = prefix + "-" + i;
                FaultRig rig = workingRig(dir, id, mqttUrl);
                fleet.rigs.add(rig);
                rig.gate.aim(35.7);
                rig.agent().jvmOption(ACK_DEBUG);
                rig.startAgent();
            }
            return fleet;
        } catch (IOException | RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /**
     * A rig whose QR scanner emulator has written a first (probe) scan. Under a heavily loaded machine an
     * emulator's link to its pseudo-terminal now and then never gets to write (about one rig in 20 here); such a
     * rig is closed and built again, up to {@link #RIG_ATTEMPTS} times, before its agent starts. The probe scan
     * may become the gate's first entry; the counts come from the gate's own database, so that changes nothing.
     */
    private static FaultRig workingRig(Path dir, String id, String mqttUrl) throws IOException {
        for (int attempt = 1; ; attempt++) {
            FaultRig rig = new FaultRig(dir.resolve(attempt == 1 ? id : id + "-attempt-" + attempt), id, mqttUrl);
            rig.scan(0);
            long deadline = System.nanoTime() + PROBE_TIMEOUT_NANOS;
            while (rig.qr.scansWritten() == 0 && System.nanoTime() < deadline) {
                FaultRig.sleep(50);
            }
            if (rig.qr.scansWritten() > 0) {
                return rig;
            }
            try {
                rig.close();
            } catch (Exception e) {
                System.out.println("closing the stuck rig of " + id + " failed: " + e);
            }
            if (attempt == RIG_ATTEMPTS) {
                throw new AssertionError(id + ": the QR scanner emulator wrote nothing in " + RIG_ATTEMPTS
                        + " rigs (a simulator fault, not the hub's)");
            }
            System.out.println("rig-rebuilt gate=" + id + " reason=qr-emulator-wrote-nothing attempt=" + attempt);
        }
    }

    /**
     * Waits until every agent has connected to the broker (its log says {@code event=uplink-connected}); fails
     * with the log tail of an agent that exited or is still not connected after {@code timeoutMillis}.
     */
    void awaitConnected(long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        for (FaultRig rig : rigs) {
            while (!rig.agent().logText().contains("event=uplink-connected")) {
                if (!rig.agent().alive() || System.nanoTime() > deadline) {
                    String log = rig.agent().logText();
                    throw new AssertionError(
                            rig.gateId + "'s agent " + (rig.agent().alive() ? "not connected in time" : "exited")
                                    + ":\n" + log.substring(Math.max(0, log.length() - 4000)));
                }
                FaultRig.sleep(200);
            }
        }
    }

    /** One scan at the next gate every {@code pauseMillis}: each gate sees a person every count x pause. */
    void startScanning(long pauseMillis) {
        scanning = true;
        scanner = new Thread(
                () -> {
                    try {
                        while (scanning) {
                            for (FaultRig rig : rigs) {
                                if (!scanning) {
                                    return;
                                }
                                rig.scan((int) scans.incrementAndGet());
                                Thread.sleep(pauseMillis);
                            }
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                },
                "fleet-scanner");
        scanner.start();
    }

    /**
     * Stops the scanning thread; rethrows what failed on it. Returns the scans presented so far, counting each
     * gate's probe scan.
     */
    long stopScanning() throws InterruptedException {
        scanning = false;
        if (scanner != null) {
            scanner.join(10_000);
        }
        if (failure.get() != null) {
            throw new AssertionError("the scanning thread failed", failure.get());
        }
        return scans.get() + rigs.size();
    }

    /** Entries committed in all the gates' databases (their last sequence numbers), -1 when one is unreadable. */
    long committed() {
        long sum = 0;
        for (FaultRig rig : rigs) {
            try {
                sum += rig.agentLastSeq();
            } catch (Exception e) {
                return -1;
            }
        }
        return sum;
    }

    /** Per gate, the highest acknowledgement its agent has logged so far (0 when none). */
    Map<String, Long> acknowledgedFromLogs() throws IOException {
        Map<String, Long> acked = new LinkedHashMap<>();
        for (FaultRig rig : rigs) {
            long max = 0;
            Matcher m = ACK.matcher(rig.agent().logText());
            while (m.find()) {
                max = Math.max(max, Long.parseLong(m.group(1)));
            }
            acked.put(rig.gateId, max);
        }
        return acked;
    }

    /** SIGTERM to every agent (their stores persist the acknowledgement on close) and wait. */
    void stopAgents() throws InterruptedException {
        for (FaultRig rig : rigs) {
            rig.agent().stop();
        }
    }

    @Override
    public void close() {
        scanning = false;
        for (FaultRig rig : rigs) {
            try {
                rig.close();
            } catch (Exception e) {
                System.out.println("closing " + rig.gateId + " failed: " + e);
            }
        }
    }
}
