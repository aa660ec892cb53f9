package org.gatepost.agent;

import org.gatepost.agent.checkpoint.Checkpoint;
import org.gatepost.agent.checkpoint.CheckpointPolicy;
import org.gatepost.agent.checkpoint.TemperatureQuality;
import org.gatepost.agent.clock.ClockSync;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.device.idcard.IdCardReaderDriver;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.agent.device.serial.SerialLinks;
import org.gatepost.agent.device.thermometer.BaudProbe;
import org.gatepost.agent.device.thermometer.TemperatureReading;
import org.gatepost.agent.device.thermometer.ThermometerDriver;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.GateInputs;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.gpio.Pi4jGpio;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.uplink.MqttUplink;
import org.gatepost.agent.uplink.Uplink;
import org.gatepost.agent.uplink.UplinkSettings;
import org.gatepost.agent.uplink.UplinkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One running edge agent: the composition root. {@link #start} wires store, uplink, GPIO, checkpoint and
 * device drivers and returns once all are running; {@link #close} stops them in reverse order (devices
 * first, so no new entry starts, then the uplink, which announces the gate offline, then GPIO and store).
 * Used by {@link Main} and, in-process, by the simulator's demo and end-to-end tests.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final long TICK_MILLIS = 50;

    private final AgentConfig config;
    private final String boot;
    private final EntryStore store;
    private final Uplink uplink;
    private final Pi4jGpio gpio;
    private final Checkpoint checkpoint;
    private final ThermometerDriver thermometer;
    private final IdCardReaderDriver idcard;
    private final ScheduledExecutorService ticker;
    private final List<Consumer<Entry>> entryListeners = new CopyOnWriteArrayList<>();

    private Agent(AgentConfig config, Clock clock) throws StoreException {
        this.config = config;
        this.boot = UUID.randomUUID().toString();
        long startNanos = System.nanoTime();
        this.store = SqliteEntryStore.open(config.storePath(), config.gateId(), clock);
        UplinkSettings settings = UplinkSettings.of(config.mqttUrl(), config.gateId(), boot);
        if (config.mqttUsername() != null) settings = settings.withCredentials(config.mqttUsername(), config.mqttPassword());
        this.uplink = new MqttUplink(settings, store, clock, new SecureRandom());
        this.gpio = Pi4jGpio.open(config.gpio());
        GpioConfig g = config.gpio();
        CheckpointPolicy policy = new CheckpointPolicy(config.feverThreshold(), config.thermometerOffset(),
                config.measureWindow(), config.measureSamples(),
                CheckpointPolicy.DEFAULT_VALID_BODY_MIN_C, CheckpointPolicy.DEFAULT_VALID_BODY_MAX_C,
                TemperatureQuality.DEFAULT_NOT_AIMED_DELTA_C,
                g.relayPulse(), g.lightFor(), g.buzzerFor());
        this.checkpoint = new Checkpoint(policy, store, gpio.signals(), this::committed, clock,
                () -> (System.nanoTime() - startNanos) / 1_000_000L, boot, ClockSync.systemd());
        CredentialHasher hasher = new CredentialHasher(config.communitySecret());
        this.thermometer = new ThermometerDriver("thermometer",
                thermometerLinks(config), clock,
                (TemperatureReading r) -> checkpoint.temperature(r.objectC(), r.ambientC()),
                ThermometerDriver.DEFAULT_SILENCE_LIMIT);
        this.idcard = new IdCardReaderDriver("idcard",
                SerialLinks.factory(config.idcardPort(), config.idcardBaud()), clock,
                (CardRead read) -> checkpoint.presentCredential(hasher.idCard(read.idNumber())),
                IdCardReaderDriver.DEFAULT_POLL_INTERVAL);
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-tick");
            t.setDaemon(true);
            return t;
        });
    }

    private static SerialLinkFactory thermometerLinks(AgentConfig config) {
        if (config.thermometerBaud() == AgentConfig.AUTO_BAUD) {
            return new BaudProbe(baud -> SerialLinks.factory(config.thermometerPort(), baud), BaudProbe.ANSWER_WITHIN);
        }
        return SerialLinks.factory(config.thermometerPort(), config.thermometerBaud());
    }

    /** Starts an agent; returns once every part runs (the broker need not be reachable yet). */
    public static Agent start(AgentConfig config, Clock clock) throws StoreException {
        Agent a = new Agent(config, clock);
        a.uplink.start();
        a.ticker.scheduleWithFixedDelay(a::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        a.gpio.inputs().listen(role -> {
            if (role == GateInputs.Role.PRESENCE) a.checkpoint.presence();
        });
        a.thermometer.start();
        a.idcard.start();
        LOG.info("event=agent-started gate={} epoch={} boot={} last_seq={} unacked={} config=\"{}\"",
                config.gateId(), a.store.epoch(), a.boot, a.store.lastSeq(), a.store.unackedCount(), config);
        return a;
    }

    private void tick() {
        try {
            checkpoint.tick();
        } catch (RuntimeException e) {
            LOG.error("event=tick-failed reason={}", e.toString());
        }
    }

    private void committed(Entry entry) {
        uplink.wake();
        for (Consumer<Entry> l : entryListeners) l.accept(entry);
    }

    /** Called on the deciding thread after each committed and signalled entry. Listeners must not block. */
    public void onEntry(Consumer<Entry> listener) {
        entryListeners.add(listener);
    }

    public String gateId() {
        return config.gateId();
    }

    public String boot() {
        return boot;
    }

    public EntryStore store() {
        return store;
    }

    public UplinkState uplinkState() {
        return uplink.state();
    }

    public GateSignals signals() {
        return gpio.signals();
    }

    public DeviceHealth thermometerHealth() {
        return thermometer.health();
    }

    public DeviceHealth idcardHealth() {
        return idcard.health();
    }

    @Override
    public void close() {
        idcard.close();
        thermometer.close();
        ticker.shutdownNow();
        uplink.close();
        gpio.close();
        store.close();
        LOG.info("event=agent-stopped gate={}", config.gateId());
    }
}
