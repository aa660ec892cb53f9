package org.gatepost.simulator.crowd;

import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.idcard.SyntheticResidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;

/**
 * Residents arriving at one simulated gate: every {@code meanInterval} on average (exponential gaps) a
 * person steps up, the thermometer sees their skin temperature (a fever for {@code feverFraction} of them),
 * the card goes on the reader for {@code dwell}, and they walk on. Runs on its own daemon thread.
 */
public final class Crowd implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Crowd.class);
    /** Skin temperature ranges in °C; the agent adds its offset (0.9 in the demo) to get body temperature. */
    static final double NORMAL_SKIN_MIN = 35.3;
    static final double NORMAL_SKIN_MAX = 36.2;
    static final double FEVER_SKIN_MIN = 37.0;
    static final double FEVER_SKIN_MAX = 38.2;

    private final SimulatedGate gate;
    private final Duration meanInterval;
    private final Duration dwell;
    private final double feverFraction;
    private final RandomGenerator random;
    private final SyntheticResidents residents;
    private final Thread thread;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong fevers = new AtomicLong();
    private volatile boolean running = true;

    public Crowd(SimulatedGate gate, Duration meanInterval, Duration dwell, double feverFraction, RandomGenerator random) {
        this.gate = gate;
        this.meanInterval = meanInterval;
        this.dwell = dwell;
        this.feverFraction = feverFraction;
        this.random = random;
        this.residents = new SyntheticResidents(random);
        this.thread = new Thread(this::run, gate.name() + "-crowd");
        thread.setDaemon(true);
    }

    public Crowd start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            while (running) {
                long gap = (long) (-Math.log(1.0 - random.nextDouble()) * meanInterval.toMillis());
                Thread.sleep(Math.max(500, gap));
                IdCardText.Fields person = residents.next();
                boolean fever = random.nextDouble() < feverFraction;
                double skin = fever
                        ? FEVER_SKIN_MIN + random.nextDouble() * (FEVER_SKIN_MAX - FEVER_SKIN_MIN)
                        : NORMAL_SKIN_MIN + random.nextDouble() * (NORMAL_SKIN_MAX - NORMAL_SKIN_MIN);
                arrivals.incrementAndGet();
                if (fever) fevers.incrementAndGet();
                LOG.debug("event=arrival gate={} fever={} skin_c={}", gate.name(), fever, String.format("%.2f", skin));
                gate.present(person, skin);
                Thread.sleep(dwell.toMillis());
                gate.leave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public long arrivals() {
        return arrivals.get();
    }

    public long fevers() {
        return fevers.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
