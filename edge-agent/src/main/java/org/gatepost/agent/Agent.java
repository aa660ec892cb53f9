package org.gatepost.agent;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.gatepost.agent.checkpoint.Checkpoint;
import org.gatepost.agent.checkpoint.CheckpointPolicy;
import org.gatepost.agent.checkpoint.EntryClock;
import org.gatepost.agent.checkpoint.GateSetup;
import org.gatepost.agent.checkpoint.TemperatureQuality;
import org.gatepost.agent.checkpoint.VolunteerDesk;
import org.gatepost.agent.clock.ClockSync;
import org.gatepost.agent.config.AgentConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.config.OutboxConfig;
import org.gatepost.agent.config.ReaderConfig;
import org.gatepost.agent.console.ConsoleServer;
import org.gatepost.agent.console.ConsoleStatus;
import org.gatepost.agent.contract.HubRetests;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.device.TemperatureReading;
import org.gatepost.agent.device.idcard.CardRead;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Entry;
import org.gatepost.agent.gpio.DirectionSwitch;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.gpio.Pi4jDirectionSwitch;
import org.gatepost.agent.gpio.Pi4jGpio;
import org.gatepost.agent.health.HealthCheck;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.lists.ListsSource;
import org.gatepost.agent.pass.PassCodec;
import org.gatepost.agent.purge.GatePurge;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.OutboxMaintenance;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.uplink.GateTelemetry;
import org.gatepost.agent.uplink.MqttUplink;
import org.gatepost.agent.uplink.Uplink;
import org.gatepost.agent.uplink.UplinkSettings;
import org.gatepost.agent.uplink.UplinkState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running edge agent: the composition root. {@link #start} wires store, uplink, GPIO, checkpoint and
 * device drivers and returns once all are running; {@link #close} stops them in reverse order (devices
 * first, so no new entry starts, then the uplink, which announces the gate offline, then GPIO and store).
 * Used by {@link Main} and, in-process, by the simulator's demo and end-to-end tests.
 */
public final class Agent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Agent.class);
    private static final long TICK_MILLIS = 50;
    /** The credential kind of a visitor pass in entries. */
    public static final String PASS_KIND = "pass";

    private static final long MAINTENANCE_MINUTES = 1;

    private final AgentConfig config;
    private final String boot;
    private final EntryStore store;
    private final ListSync lists;
    private final Uplink uplink;
    private final Pi4jGpio gpio;
    private final Checkpoint checkpoint;
    private final Devices devices;
    private final ScheduledExecutorService ticker;
    private final StoreHealth storeHealth = new StoreHealth();
    private final OutboxMaintenance maintenance;
    private final ScheduledExecutorService maintenanceTimer;
    private final Clock clock;
    private final List<Consumer<Entry>> entryListeners = new CopyOnWriteArrayList<>();
    private volatile ConsoleServer console;
    private final HealthCheck healthCheck;

    private Agent(AgentConfig config, Clock clock) throws StoreException {
        this.config = config;
        this.boot = UUID.randomUUID().toString();
        this.clock = clock;
        long startNanos = System.nanoTime();
        LongSupplier monoMillis = () -> (System.nanoTime() - startNanos) / 1_000_000L;
        ClockSync clockSync = ClockSync.systemd();
        SqliteEntryStore sqlite = SqliteEntryStore.open(config.storePath(), config.gateId(), clock);
        this.store = sqlite;
        try {
            this.lists = ListSync.open(config.storePath(), clock, config.gateId());
        } catch (StoreException | RuntimeException e) {
            sqlite.close();
            throw e;
        }
        OutboxConfig o = config.outbox();
        this.maintenance = new OutboxMaintenance(sqlite, o.retention(), o.budgetBytes());
        UplinkSettings settings = new UplinkSettings(
                config.mqttUrl(),
                config.gateId(),
                config.mqttUsername(),
                config.mqttPassword(),
                UplinkSettings.DEFAULT_KEEP_ALIVE,
                o.maxInFlight(),
                o.resendAfter(),
                boot,
                o.batchSize(),
                o.heartbeatInterval(),
                o.shutdownFlush());
        this.uplink = new MqttUplink(
                settings,
                store,
                clock,
                new SecureRandom(),
                new GateTelemetry(
                        this::deviceReports, storeHealth, o.budgetBytes(), monoMillis, clockSync, lists::versions),
                lists,
                new GatePurge(sqlite, lists, config.gateId(), clock));
        this.gpio = Pi4jGpio.open(config.gpio());
        GpioConfig g = config.gpio();
        CheckpointPolicy policy = new CheckpointPolicy(
                config.feverThreshold(),
                config.thermometerOffset(),
                config.measureWindow(),
                config.measureSamples(),
                CheckpointPolicy.DEFAULT_VALID_BODY_MIN_C,
                CheckpointPolicy.DEFAULT_VALID_BODY_MAX_C,
                TemperatureQuality.DEFAULT_NOT_AIMED_DELTA_C,
                g.relayPulse(),
                g.lightFor(),
                g.buzzerFor());
        this.healthCheck = HealthCheck.of(config.health(), clock);
        EntryClock stamps = new EntryClock(clock, monoMillis, boot, clockSync);
        this.checkpoint = Checkpoint.builder(policy, store, gpio.signals(), stamps)
                .onCommitted(this::committed)
                .storeHealth(storeHealth)
                .setup(gateSetup(config, sqlite, lists))
                .health(healthCheck)
                .build();
        CredentialHasher hasher = new CredentialHasher(config.communitySecret());
        this.devices = new Devices(
                config,
                clock,
                gpio.context(),
                (TemperatureReading r) -> checkpoint.temperature(r.objectC(), r.ambientC()),
                (String reader, CardRead read) -> checkpoint.presentCredential(
                        hasher.idCard(read.idNumber(), lists.current().hashScheme()), reader),
                (CredentialRead read) -> present(hasher, read));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "checkpoint-tick");
            t.setDaemon(true);
            return t;
        });
        this.maintenanceTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "store-maintenance");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * A credential of a reader other than the ID card reader. A QR text that starts like a visitor pass
     * ({@code GPV1.}) is a pass: kind {@code pass}, the keyed hash of the whole scanned text (a genuine pass always
     * reads the same; an altered one is another credential), masked to the last 4 characters of its pass id (of
     * the text when it has none).
     */
    private void present(CredentialHasher hasher, CredentialRead read) {
        if (CredentialRead.KIND_QR.equals(read.kind()) && PassCodec.looksLikePass(read.number())) {
            String text = read.number();
            String masked =
                    hasher.other(PASS_KIND, PassCodec.peekId(text).orElse(text)).masked();
            Credential c =
                    new Credential(PASS_KIND, hasher.hash(text, lists.current().hashScheme()), masked);
            checkpoint.presentPass(text, c, read.reader());
            return;
        }
        checkpoint.presentCredential(
                hasher.other(read.kind(), read.number(), lists.current().hashScheme()), read.reader());
    }

    private GateSetup gateSetup(AgentConfig config, SqliteEntryStore ledger, ListsSource lists) {
        Map<String, String> lanes = new HashMap<>();
        lanes.put(GateSetup.IDCARD, config.rules().idcardLane());
        for (ReaderConfig r : config.readers()) {
            lanes.put(r.name(), r.lane());
        }
        int pin = config.rules().directionPin();
        DirectionSwitch direction = pin == GpioConfig.NONE ? null : new Pi4jDirectionSwitch(gpio.context(), pin);
        return new GateSetup(
                lists,
                config.rules(),
                lanes,
                direction == null ? null : () -> direction.read().wire(),
                ledger,
                this.lists.hubRetests());
    }

    /** Starts an agent; returns once every part runs (the broker need not be reachable yet). */
    public static Agent start(AgentConfig config, Clock clock) throws StoreException {
        Agent a = new Agent(config, clock);
        a.uplink.start();
        a.ticker.scheduleWithFixedDelay(a::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        a.maintenanceTimer.scheduleWithFixedDelay(
                a::maintain, MAINTENANCE_MINUTES, MAINTENANCE_MINUTES, TimeUnit.MINUTES);
        a.gpio.inputs().listen(role -> {
            switch (role) {
                case PRESENCE -> a.checkpoint.presence();
                case MASK_CONFIRM -> a.checkpoint.desk().confirmMask();
                case OVERRIDE -> a.checkpoint.overrideButton();
            }
        });
        a.devices.start();
        a.console = a.startConsole();
        LOG.info(
                "event=agent-started gate={} epoch={} boot={} last_seq={} unacked={} config=\"{}\"",
                config.gateId(),
                a.store.epoch(),
                a.boot,
                a.store.lastSeq(),
                a.store.unackedCount(),
                config);
        return a;
    }

    /** The volunteer console when enabled; one that cannot bind is logged and the gate runs on without it. */
    private ConsoleServer startConsole() {
        if (!config.console().enabled()) {
            return null;
        }
        ConsoleStatus status =
                ConsoleStatus.of(config.gateId(), this::deviceReports, uplink::state, lists, lists::hubHeard);
        VolunteerDesk desk = checkpoint.desk();
        try {
            return ConsoleServer.start(config.console(), desk, status, clock, healthCheck.desk());
        } catch (IOException e) {
            LOG.error(
                    "event=console-failed bind={} port={} reason={}",
                    config.console().bind(),
                    config.console().port(),
                    e.toString());
            return null;
        }
    }

    private void tick() {
        try {
            checkpoint.tick();
        } catch (RuntimeException e) {
            LOG.error("event=tick-failed reason={}", e.toString());
        }
    }

    /** Purges acknowledged entries past their retention, a few small transactions at a time. */
    private void maintain() {
        try {
            maintenance.tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("event=store-maintenance-failed reason={}", e.toString());
        }
    }

    /** Every configured device with its kind, for the heartbeat. */
    private List<DeviceReport> deviceReports() {
        return devices.reports();
    }

    private void committed(Entry entry) {
        uplink.wake();
        for (Consumer<Entry> l : entryListeners) {
            l.accept(entry);
        }
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

    /** Decisions not recorded since start and the last storage error; shared by checkpoint and heartbeat. */
    public StoreHealth storeHealth() {
        return storeHealth;
    }

    /** The lists the gate decides with: the last versions received from the hub, kept across restarts. */
    public ListsSource lists() {
        return lists;
    }

    /** The pending retests of the community's other gates, as the hub's list last said. */
    public HubRetests hubRetests() {
        return lists.hubRetests();
    }

    /** What the volunteer console may see and do at this gate. */
    public VolunteerDesk desk() {
        return checkpoint.desk();
    }

    public UplinkState uplinkState() {
        return uplink.state();
    }

    public GateSignals signals() {
        return gpio.signals();
    }

    /**
     * The gate's relay output (Pi4J {@code gatepost-relay}), so a benchmark can listen to its state changes on the
     * thread that switches it and reset it between scans; the only part of the GPIO context the agent gives out.
     */
    public DigitalOutput relayOutput() {
        return gpio.context().io("gatepost-relay", DigitalOutput.class);
    }

    public DeviceHealth thermometerHealth() {
        return devices.health("thermometer");
    }

    public DeviceHealth idcardHealth() {
        return devices.health("idcard");
    }

    /** Health of every configured device, thermometer first; never blocks. */
    public List<DeviceHealth> deviceHealth() {
        return devices.all().stream().map(Devices.Managed::health).toList();
    }

    /** The port the volunteer console listens on; empty when it is disabled or could not bind. */
    public OptionalInt consolePort() {
        ConsoleServer c = console;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c.port());
    }

    @Override
    public void close() {
        ConsoleServer c = console;
        if (c != null) {
            c.close();
        }
        devices.close();
        ticker.shutdownNow();
        maintenanceTimer.shutdownNow();
        uplink.close();
        gpio.close();
        lists.close();
        store.close();
        LOG.info("event=agent-stopped gate={}", config.gateId());
    }
}
