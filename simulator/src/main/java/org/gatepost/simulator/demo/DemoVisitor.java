package org.gatepost.simulator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.gatepost.agent.Agent;
import org.gatepost.hub.Hub;
import org.gatepost.hub.pass.Passes;
import org.gatepost.simulator.gate.SimulatedGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's visitor: one one-use pass issued at start (as an operator would on the dashboard), scanned at the first
 * gate's emulated QR scanner once that gate holds the hub's pass key. The scan runs on its own thread so the demo's
 * banner is not held up; the gate logs {@code event=pass-checked} and decides {@code admit-visitor}.
 */
final class DemoVisitor {
    private static final Logger LOG = LoggerFactory.getLogger(DemoVisitor.class);
    private static final Duration KEY_WAIT = Duration.ofSeconds(60);
    private static final Duration DECISION_WAIT = Duration.ofSeconds(10);
    private static final Duration SETTLE = Duration.ofSeconds(1);
    /** The visitor's object temperature: 36.7 °C with the gate's offset. */
    private static final double OBJECT_C = 35.8;

    private DemoVisitor() {}

    /** Issues the pass: valid from a minute ago for 8 hours, one use, to household 1-1-101. Returns its id. */
    static String issue(Hub hub) throws Exception {
        Instant now = Instant.now();
        return hub.passes()
                .issue(
                        new Passes.Request(
                                "访客",
                                "13800000000",
                                "1-1-101",
                                now.minusSeconds(60),
                                now.plus(Duration.ofHours(8)),
                                true),
                        "demo",
                        null)
                .id();
    }

    /**
     * Scans the pass at {@code gate} once {@code agent} holds the hub's key, waits for the gate's decision (at most
     * {@link #DECISION_WAIT}), then runs {@code then} (the gate's crowd); {@code then} runs also when the scan is
     * skipped, but not when the thread is interrupted (the demo stops: interrupt it, and join it, before the gates
     * and agents close, so no scan is cut off).
     */
    static Thread scanWhenReady(Agent agent, SimulatedGate gate, Hub hub, String passId, Runnable then) {
        return Thread.ofPlatform().daemon().name("demo-visitor").start(() -> {
            scan(agent, gate, hub, passId);
            if (!Thread.currentThread().isInterrupted()) { // interrupted: the demo is stopping
                then.run();
            }
        });
    }

    /**
     * The demo stops while the code is on its way: lets the emulated scanner finish sending it (about 300 bytes at
     * 9,600 baud), so the gate does not read a line cut off (a warning) as the demo closes it.
     */
    private static void settle() {
        long end = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException ignored) {
                // stopping anyway: keep waiting out the short settle
            }
        }
    }

    private static void scan(Agent agent, SimulatedGate gate, Hub hub, String passId) {
        boolean sent = false;
        try {
            String key = hub.passes().keyId();
            long deadline = System.nanoTime() + KEY_WAIT.toNanos();
            while (!agent.lists().current().passes().keys().containsKey(key)) {
                if (System.nanoTime() > deadline) {
                    LOG.info(
                            "event=demo-visitor-skipped reason=\"the gate has no pass key after {} s\"",
                            KEY_WAIT.toSeconds());
                    return;
                }
                Thread.sleep(200);
            }
            String token = hub.passes().token(hub.passes().find(passId).orElseThrow());
            LOG.info("event=demo-visitor-scan pass={}", passId);
            CountDownLatch decided = new CountDownLatch(1);
            agent.onEntry(e -> {
                if (e.draft().rules().pass() != null) {
                    decided.countDown();
                }
            });
            gate.presentCode(token, OBJECT_C);
            sent = true;
            decided.await(DECISION_WAIT.toSeconds(), TimeUnit.SECONDS);
            gate.leave();
        } catch (InterruptedException e) {
            if (sent) {
                settle();
            }
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.info("event=demo-visitor-skipped reason=\"{}\"", e.toString());
        }
    }
}
