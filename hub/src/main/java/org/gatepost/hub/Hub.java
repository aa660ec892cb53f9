package org.gatepost.hub;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;
import org.gatepost.hub.ack.AckPublisher;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.auth.InvalidAccountException;
import org.gatepost.hub.auth.PasswordFiles;
import org.gatepost.hub.broker.EmbeddedBroker;
import org.gatepost.hub.cluster.Broadcast;
import org.gatepost.hub.cluster.ClusterBus;
import org.gatepost.hub.cluster.ClusterEvent;
import org.gatepost.hub.cluster.InstanceId;
import org.gatepost.hub.cluster.LeasedAcks;
import org.gatepost.hub.cluster.LeasedPeriodic;
import org.gatepost.hub.cluster.PgClusterBus;
import org.gatepost.hub.cluster.RemoteEvents;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubZone;
import org.gatepost.hub.contract.Topics;
import org.gatepost.hub.ingest.ForwardingHubEvents;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.IngestLanes;
import org.gatepost.hub.ingest.IngestObserver;
import org.gatepost.hub.ingest.IngestStats;
import org.gatepost.hub.ingest.IngestWorker;
import org.gatepost.hub.ingest.Periodic;
import org.gatepost.hub.lists.Lists;
import org.gatepost.hub.lists.PendingRetests;
import org.gatepost.hub.metrics.HubMetrics;
import org.gatepost.hub.mqtt.HubSubscriptions;
import org.gatepost.hub.mqtt.MqttLinkException;
import org.gatepost.hub.mqtt.MqttSettings;
import org.gatepost.hub.mqtt.PahoHubClient;
import org.gatepost.hub.pass.Passes;
import org.gatepost.hub.purge.Purges;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.Lease;
import org.gatepost.hub.store.LeaseListener;
import org.gatepost.hub.store.Leases;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoreLock;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.watch.Housekeeping;
import org.gatepost.hub.web.Dashboard;
import org.gatepost.hub.web.MetricsEndpoint;
import org.gatepost.hub.web.RuntimeStatus;
import org.gatepost.hub.web.WebServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running hub: store, embedded broker (when {@code mqtt.url} is not set), MQTT ingest, ack publisher and
 * web server, wired together. The composition root used by {@link Main}, the simulator's demo and the
 * end-to-end tests. On PostgreSQL several hubs may share the database: the work that must run once (acks, lists,
 * housekeeping) runs on the holder of its lease, and the instances tell each other what they committed over the
 * cluster bus ({@code docs/deployment.md}, Several instances).
 *
 * <p>{@link #start} returns once the web server listens and the MQTT subscription is in place, or, when the
 * broker cannot be reached, after {@link #MQTT_STARTUP_WAIT} with the connection retried in the background.
 * {@link #close()} stops everything in reverse order and is idempotent. Accessors are thread safe.
 */
public final class Hub implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Hub.class);
    public static final Duration MQTT_STARTUP_WAIT = Duration.ofSeconds(10);
    /** The leases of the work that runs on one instance at a time ({@code docs/deployment.md}, Several instances). */
    public static final String LEASE_ACKS = "acks";

    public static final String LEASE_LISTS = "lists";
    public static final String LEASE_HOUSEKEEPING = "housekeeping";

    private final HubConfig config;
    private final HubStore store;
    private final EmbeddedBroker broker;
    private final PahoHubClient mqtt;
    private final IngestWorker ingest;
    private final WebServer web;
    private final String brokerUrl;
    private final Deque<AutoCloseable> closeOrder;
    private final Lists lists;
    private final Passes passes;
    private final ZoneId zone;
    private boolean closed;

    private Hub(
            HubConfig config,
            HubStore store,
            EmbeddedBroker broker,
            PahoHubClient mqtt,
            IngestWorker ingest,
            WebServer web,
            String brokerUrl,
            Deque<AutoCloseable> closeOrder,
            Lists lists,
            ZoneId zone,
            Passes passes) {
        this.passes = passes;
        this.config = config;
        this.zone = zone;
        this.lists = lists;
        this.store = store;
        this.broker = broker;
        this.mqtt = mqtt;
        this.ingest = ingest;
        this.web = web;
        this.brokerUrl = brokerUrl;
        this.closeOrder = closeOrder;
    }

    private static ClusterBus cluster(Storage storage, String instance, RemoteEvents receiver) {
        return storage.notifyChannel()
                .<ClusterBus>map(c -> new PgClusterBus(c, instance, receiver))
                .orElse(ClusterBus.NONE);
    }

    /**
     * Starts a hub on {@code config}.
     *
     * @param systemClock the time source. Its zone stands for the system's time zone: the hub counts days in
     *                    {@code hub.zone} when set, else in that zone ({@link HubZone#resolve}, which warns when it is
     *                    UTC). {@link Main} passes {@link Clock#systemDefaultZone()}.
     */
    public static Hub start(HubConfig config, Clock systemClock) throws HubStartException {
        // Every part that counts days (reports, "today", quarantine ends, file names) reads the zone of this clock.
        Clock clock = systemClock.withZone(HubZone.resolve(config.zone(), systemClock.getZone()));
        Deque<AutoCloseable> started = new ArrayDeque<>();
        String part = "store";
        try {
            if (config.storeUrl().isEmpty()) {
                started.push(StoreLock.tryAcquire(config.storePath())
                        .orElseThrow(() -> new HubStartException(
                                "store: " + config.storePath() + " is in use by another hub (it holds "
                                        + StoreLock.fileOf(config.storePath()) + ")",
                                null)));
            }
            Storage storage = Storage.open(
                    new StoreSettings(
                            config.storePath(), config.storeUrl(), config.storeUsername(), config.storePassword()),
                    clock);
            started.push(storage);
            HubStore store = storage.hub();
            Dashboard dashboard = Dashboard.open(
                    storage, clock, config.httpSessionTimeout(), PasswordFiles.besideStore(config.storePath()));
            started.push(dashboard);
            dashboard.ensureAdmin(config.adminPassword(), System.out);
            String instance = InstanceId.of(config.mqttClientId(), RandomGenerator.getDefault());
            Leases leases = storage.leases(instance);
            started.push(leases); // released after the work they guard has stopped
            part = "embedded broker";
            EmbeddedBroker broker = null;
            if (config.embeddedBroker()) {
                broker = EmbeddedBroker.start(config.brokerHost(), config.brokerPort(), config.brokerData());
                started.push(broker);
            }
            String url = broker != null ? broker.url() : config.mqttUrl().orElseThrow();
            part = "mqtt client";
            IngestLanes inbox = new IngestLanes();
            HubSubscriptions subscriptions = config.sharedSubscriptions()
                    ? HubSubscriptions.shared(config.mqttShareGroup())
                    : HubSubscriptions.single();
            // The gates' purge reports come on the live session and go to the purges, not to ingest.
            AtomicReference<Purges> purgeReports = new AtomicReference<>();
            PahoHubClient mqtt = new PahoHubClient(
                    new MqttSettings(url, config.mqttClientId(), config.mqttUsername(), config.mqttPassword()),
                    subscriptions.cleanSession(),
                    subscriptions.live(),
                    subscriptions.liveDropped(),
                    m -> {
                        Purges p = purgeReports.get();
                        if (p != null && Purges.isReport(m.topic())) {
                            p.received(m);
                        } else {
                            inbox.addLive(m);
                        }
                    });
            started.push(mqtt);
            PahoHubClient bulk = new PahoHubClient(
                    new MqttSettings(
                            url,
                            config.mqttClientId() + Topics.BULK_SUFFIX,
                            config.mqttUsername().map(u -> u + Topics.BULK_SUFFIX),
                            config.mqttPassword()),
                    subscriptions.cleanSession(),
                    subscriptions.bulk(),
                    List.of(),
                    inbox::addBulk);
            started.push(bulk);
            Lists lists = Lists.open(storage.lists(), config.communitySecret(), mqtt, clock);
            started.push(lists);
            Passes passes = Passes.open(storage.passes(), storage.lists(), lists.publisher(), clock);
            started.push(passes);
            dashboard.usePasses(passes);
            LeasedAcks leasedAcks = new LeasedAcks(storage::latestProgress);
            started.push(leasedAcks);
            Lease ackLease = leases.lease(LEASE_ACKS, leasedAcks);
            AckPublisher acks = new AckPublisher(
                    mqtt,
                    AckPublisher.DEFAULT_INTERVAL,
                    AckPublisher.DEFAULT_RETRY_DELAY,
                    AckPublisher.DEFAULT_EAGER_STEP,
                    ackLease::held);
            started.push(acks);
            leasedAcks.publishWith(acks, ackLease);
            ClusterBus bus = cluster(
                    storage,
                    instance,
                    new RemoteEvents(dashboard.events(), leasedAcks, lists.publisher()::publishSoon, () -> {
                        leasedAcks.refresh();
                        lists.publisher().publishSoon();
                    }));
            started.push(bus);
            bus.start();
            Broadcast events = new Broadcast(dashboard.events(), leasedAcks, bus);
            dashboard.tellOthers(Broadcast.othersOnly(bus));
            BooleanSupplier holdsLists = () -> true;
            if (bus != ClusterBus.NONE) {
                Lease listsLease = leases.lease(LEASE_LISTS, new LeaseListener() {
                    @Override
                    public void acquired() {
                        lists.publisher().republishAll();
                    }
                });
                lists.publisher().useLease(listsLease, () -> bus.publish(new ClusterEvent.ListsChanged()));
                holdsLists = listsLease::held;
            }
            Purges purges = new Purges(
                    storage.purges(), lists::changedInStore, mqtt, mqtt, mqtt, clock, RandomGenerator.getDefault());
            started.push(purges);
            purgeReports.set(purges);
            dashboard.usePurges(purges);
            PendingRetests retests = new PendingRetests(store, mqtt, clock, holdsLists);
            started.push(retests);
            Periodic housekeeping = new LeasedPeriodic(
                    leases.lease(LEASE_HOUSEKEEPING, LeaseListener.NONE),
                    Housekeeping.standard(store, mqtt, events, config.retentionEntries(), clock.instant()));
            Optional<HubMetrics> metrics = config.metricsToken()
                    .map(token ->
                            new HubMetrics(store, clock, Map.of("live", mqtt::isConnected, "bulk", bulk::isConnected)));
            metrics.ifPresent(started::push);
            IngestWorker ingest = new IngestWorker(
                    inbox,
                    store,
                    new AlertRules(lists::badgeName),
                    mqtt,
                    bulk,
                    events,
                    telling(PendingRetests.telling(events, retests), passes),
                    housekeeping,
                    clock,
                    IngestWorker.Tuning.DEFAULT,
                    metrics.<IngestObserver>map(m -> m).orElse(IngestObserver.NONE));
            metrics.ifPresent(m -> m.countIngest(ingest::stats));
            ingest.start();
            started.push(ingest);
            part = "web server";
            WebServer web = WebServer.start(
                    config.httpHost(),
                    config.httpPort(),
                    config.httpTrustedProxies(),
                    store,
                    clock,
                    new RuntimeStatus() {
                        @Override
                        public boolean mqttConnected() {
                            return mqtt.isConnected();
                        }

                        @Override
                        public IngestStats ingest() {
                            return ingest.stats();
                        }
                    },
                    dashboard,
                    lists,
                    metrics.map(m -> new MetricsEndpoint(config.metricsToken().orElseThrow(), m)),
                    config.retentionEntries());
            started.push(web);
            part = "mqtt client";
            mqtt.start();
            bulk.start();
            try {
                mqtt.awaitSubscribed(MQTT_STARTUP_WAIT);
                bulk.awaitSubscribed(MQTT_STARTUP_WAIT);
            } catch (TimeoutException e) {
                log.warn(
                        "event=mqtt-not-subscribed-yet action=retrying-in-background url={} waitedMs={}",
                        url,
                        MQTT_STARTUP_WAIT.toMillis());
            }
            leases.start();
            lists.start();
            retests.start();
            purges.start();
            return new Hub(config, store, broker, mqtt, ingest, web, url, started, lists, clock.getZone(), passes);
        } catch (StoreException | InvalidAccountException | IOException | MqttLinkException | RuntimeException e) {
            closeAll(started);
            throw new HubStartException(part + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeAll(started);
            Thread.currentThread().interrupt();
            throw new HubStartException("interrupted while starting", e);
        }
    }

    /** The bound dashboard/API port (useful with {@code http.port=0}). */
    public int httpPort() {
        return web.port();
    }

    /** e.g. {@code http://localhost:8080/}; a wildcard {@code http.host} is shown as {@code localhost}. */
    public String dashboardUrl() {
        String h = config.httpHost();
        String host = h.equals("0.0.0.0") || h.equals("::") ? "localhost" : h.contains(":") ? "[" + h + "]" : h;
        return "http://" + host + ":" + httpPort() + "/";
    }

    /** The broker the hub uses: the embedded one's {@code tcp://host:port}, or {@code mqtt.url}. */
    public String brokerUrl() {
        return brokerUrl;
    }

    public boolean embeddedBroker() {
        return broker != null;
    }

    public boolean mqttConnected() {
        return mqtt.isConnected();
    }

    /** The hub's store, for reading (tests, demo). Writing to it bypasses ingest and its acknowledgements. */
    public HubStore store() {
        return store;
    }

    /** The lists for the gates, as the operators' API changes them (imports, policy); for tools and the demo. */
    public Lists lists() {
        return lists;
    }

    /** Visitor passes (issue, revoke, QR text); for tools and the demo. */
    public Passes passes() {
        return passes;
    }

    /** The time zone in which this hub counts days: {@code hub.zone}, else the system's. */
    public ZoneId zone() {
        return zone;
    }

    public IngestStats ingestStats() {
        return ingest.stats();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll(closeOrder);
        log.info("event=hub-stopped");
    }

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            AutoCloseable c = started.pop();
            try {
                c.close();
            } catch (Exception e) {
                log.warn("event=stop-failed part={} reason={}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }

    /** {@code events}, and a stored use of a one-use pass to {@code passes} (its list for the gates may change). */
    private static HubEvents telling(HubEvents events, Passes passes) {
        return new ForwardingHubEvents(events) {
            @Override
            public void passUsed(String passId) {
                super.passUsed(passId);
                passes.usedSoon(passId);
            }
        };
    }
}
