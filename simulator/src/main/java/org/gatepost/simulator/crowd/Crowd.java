package org.gatepost.simulator.crowd;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.idcard.SyntheticResidents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Residents arriving at one simulated gate: every {@code meanInterval} on average (exponential gaps) a
 * person steps up, the thermometer sees their skin temperature (a fever for {@code feverFraction} of them),
 * they show a credential for {@code dwell} and walk on. On a gate with extra readers a quarter show an RFID
 * tag and some a QR code instead of the ID card; {@code earlyRemovalFraction} of ID cards are pulled away
 * during the read (the reader fails, the person tries again). Given a {@link Community}, the people are its
 * members (so the hub's lists know most of them) showing their ID cards, and half of the few RFID tags shown are
 * its volunteer's badge;
 * otherwise every person is new. With a {@code retestAfter}, a community member who showed a fever comes back
 * after it (the policy's rest plus a margin) to be measured again, now with a normal temperature two times in three.
 * Runs on its own daemon thread.
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
    private final boolean extraReaders;
    private final double earlyRemovalFraction;
    private final AtomicLong earlyRemovals = new AtomicLong();
    private final RandomGenerator random;
    private final SyntheticResidents residents;
    private final Community community;
    private final Thread thread;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong fevers = new AtomicLong();
    private final AtomicLong returns = new AtomicLong();
    private final Duration retestAfter;
    /** Members who showed a fever and come back for the re-measure, by when. Crowd thread only. */
    private final ArrayDeque<Return> due = new ArrayDeque<>();

    private record Return(IdCardText.Fields card, long atNanos) {}

    private volatile boolean running = true;

    /**
     * People drawn from {@code community} (null: made up one by one); those with a fever reading come back after
     * {@code retestAfter} (null: never).
     */
    public Crowd(
            SimulatedGate gate,
            Duration meanInterval,
            Duration dwell,
            double feverFraction,
            boolean extraReaders,
            double earlyRemovalFraction,
            RandomGenerator random,
            Community community,
            Duration retestAfter) {
        this.retestAfter = retestAfter;
        this.community = community;
        this.extraReaders = extraReaders;
        this.earlyRemovalFraction = earlyRemovalFraction;
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
                Return back = due.peekFirst();
                if (back != null && System.nanoTime() - back.atNanos() >= 0) {
                    due.removeFirst();
                    returnForRetest(back.card());
                    continue;
                }
                IdCardText.Fields person = community == null
                        ? residents.next()
                        : community.pick(random).card();
                boolean fever = random.nextDouble() < feverFraction;
                double skin = fever
                        ? FEVER_SKIN_MIN + random.nextDouble() * (FEVER_SKIN_MAX - FEVER_SKIN_MIN)
                        : NORMAL_SKIN_MIN + random.nextDouble() * (NORMAL_SKIN_MAX - NORMAL_SKIN_MIN);
                arrivals.incrementAndGet();
                if (fever) {
                    fevers.incrementAndGet();
                }
                LOG.debug("event=arrival gate={} fever={} skin_c={}", gate.name(), fever, String.format("%.2f", skin));
                double pick = random.nextDouble();
                // Made-up people: a quarter show an RFID tag, some a QR code. A community's members show their ID
                // card; the volunteer's badge and a few strangers' tags and codes (unknown to the lists) are rarer.
                double tags = community == null ? 0.25 : 0.08;
                double codes = community == null ? 0.40 : 0.11;
                if (extraReaders && pick < tags) {
                    boolean volunteer = community != null && random.nextDouble() < 0.5;
                    gate.presentTag(
                            volunteer ? community.volunteerTag() : 1_000_000L + random.nextInt(9_000_000), skin);
                } else if (extraReaders && pick < codes) {
                    gate.presentCode("https://jkm.example.gov.cn/c/" + Long.toHexString(random.nextLong()), skin);
                } else {
                    if (random.nextDouble() < earlyRemovalFraction) {
                        earlyRemovals.incrementAndGet();
                        gate.idcard().removeCardMidRead();
                    }
                    gate.present(person, skin);
                    if (fever && retestAfter != null && community != null) {
                        due.addLast(new Return(person, System.nanoTime() + retestAfter.toNanos()));
                    }
                }
                stayThenLeave();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The re-measure: two times in three the temperature is normal now. */
    private void returnForRetest(IdCardText.Fields card) throws InterruptedException {
        boolean stillFever = random.nextDouble() < 1.0 / 3;
        double skin = stillFever
                ? FEVER_SKIN_MIN + random.nextDouble() * (FEVER_SKIN_MAX - FEVER_SKIN_MIN)
                : NORMAL_SKIN_MIN + random.nextDouble() * (NORMAL_SKIN_MAX - NORMAL_SKIN_MIN);
        returns.incrementAndGet();
        LOG.debug("event=retest-return gate={} fever={}", gate.name(), stillFever);
        gate.present(card, skin);
        stayThenLeave();
    }

    /**
     * The person stands at the gate for the dwell time, in real time (the demo's pacing: the emulated devices keep
     * sending frames meanwhile), then steps away.
     */
    private void stayThenLeave() throws InterruptedException {
        Thread.sleep(dwell.toMillis());
        gate.leave();
    }

    /** People who came back for a re-measure. */
    public long returns() {
        return returns.get();
    }

    public long arrivals() {
        return arrivals.get();
    }

    public long fevers() {
        return fevers.get();
    }

    public long earlyRemovals() {
        return earlyRemovals.get();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
