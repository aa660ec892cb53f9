package org.gatepost.hub.web;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.gatepost.hub.auth.PasswordFiles;
import org.gatepost.hub.auth.Passwords;
import org.gatepost.hub.config.TrustedProxies;
import org.gatepost.hub.ingest.IngestStats;
import org.gatepost.hub.lists.Lists;
import org.gatepost.hub.pass.Passes;
import org.gatepost.hub.store.HubStore;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreSettings;
import org.gatepost.hub.testing.ApiSession;
import org.gatepost.hub.testing.MutableClock;
import org.gatepost.hub.testing.TestHubs;

/**
 * The web server alone on a real store under a temporary directory, without broker or ingest (fast to start):
 * the dashboard's API with accounts, sessions and a clock the test moves. bcrypt runs at cost 10, the lowest
 * the hub allows, to keep the tests quick.
 */
final class WebFixture implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-28T09:00:00Z");
    static final Duration IDLE = Duration.ofMinutes(30);

    final MutableClock clock = new MutableClock(START);
    final Storage storage;
    final HubStore store;
    final Dashboard dashboard;
    final WebServer web;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    WebFixture(Path dir) throws Exception {
        this(dir, Optional.of(TestHubs.ADMIN_PASSWORD));
    }

    WebFixture(Path dir, Optional<String> adminPassword) throws Exception {
        this(dir, adminPassword, null);
    }

    /** {@code zoneClock}: a clock for the web side (reports' days) instead of the movable UTC one. */
    WebFixture(Path dir, Optional<String> adminPassword, Clock zoneClock) throws Exception {
        this(StoreSettings.sqlite(dir.resolve("hub.db")), adminPassword, zoneClock, store -> store);
    }

    /** On the database of {@code settings} (see {@code TestDatabases}). */
    WebFixture(StoreSettings settings, Optional<String> adminPassword, Clock zoneClock) throws Exception {
        this(settings, adminPassword, zoneClock, store -> store);
    }

    /** Behind the reverse proxies {@code proxies} ({@code http.trusted-proxies}). */
    WebFixture(Path dir, TrustedProxies proxies) throws Exception {
        this(
                StoreSettings.sqlite(dir.resolve("hub.db")),
                Optional.of(TestHubs.ADMIN_PASSWORD),
                null,
                store -> store,
                proxies);
    }

    /** {@code apiView}: the store as the API's gate and health routes see it (a fake around the real one). */
    WebFixture(Path dir, Optional<String> adminPassword, Clock zoneClock, Function<HubStore, HubStore> apiView)
            throws Exception {
        this(StoreSettings.sqlite(dir.resolve("hub.db")), adminPassword, zoneClock, apiView);
    }

    private WebFixture(
            StoreSettings settings,
            Optional<String> adminPassword,
            Clock zoneClock,
            Function<HubStore, HubStore> apiView)
            throws Exception {
        this(settings, adminPassword, zoneClock, apiView, TrustedProxies.NONE);
    }

    private WebFixture(
            StoreSettings settings,
            Optional<String> adminPassword,
            Clock zoneClock,
            Function<HubStore, HubStore> apiView,
            TrustedProxies proxies)
            throws Exception {
        this(settings, adminPassword, zoneClock, apiView, proxies, false, Duration.ZERO);
    }

    /**
     * On the database of {@code settings}, with the lists (under {@link #COMMUNITY_SECRET}, published nowhere) and
     * the entry retention {@code entryRetention}.
     */
    WebFixture(StoreSettings settings, Duration entryRetention) throws Exception {
        this(
                settings,
                Optional.of(TestHubs.ADMIN_PASSWORD),
                null,
                store -> store,
                TrustedProxies.NONE,
                true,
                entryRetention);
    }

    static final String COMMUNITY_SECRET = "example-community-secret";
    /** The lists when made with them, else null. */
    final Lists lists;
    /** The visitor passes, made with the lists; else null. */
    final Passes passes;

    private WebFixture(
            StoreSettings settings,
            Optional<String> adminPassword,
            Clock zoneClock,
            Function<HubStore, HubStore> apiView,
            TrustedProxies proxies,
            boolean withLists,
            Duration entryRetention)
            throws Exception {
        Clock c = zoneClock != null ? zoneClock : clock;
        storage = Storage.open(settings);
        store = storage.hub();
        lists = withLists ? Lists.open(storage.lists(), COMMUNITY_SECRET, (topic, payload) -> {}, c) : null;
        passes = withLists ? Passes.open(storage.passes(), storage.lists(), lists.publisher(), c) : null;
        dashboard = Dashboard.open(storage, c, IDLE, new Passwords(10), PasswordFiles.besideStore(settings.path()));
        if (passes != null) {
            dashboard.usePasses(passes);
        }
        dashboard.ensureAdmin(adminPassword, new PrintStream(console, true, StandardCharsets.UTF_8));
        web = WebServer.start(
                "127.0.0.1",
                0,
                proxies,
                apiView.apply(store),
                c,
                new RuntimeStatus() {
                    @Override
                    public boolean mqttConnected() {
                        return true;
                    }

                    @Override
                    public IngestStats ingest() {
                        return new IngestStats(0, 0, 0, 0, 0, 0, 0);
                    }
                },
                dashboard,
                lists,
                Optional.empty(),
                entryRetention);
    }

    int port() {
        return web.port();
    }

    ApiSession admin() {
        return ApiSession.admin(port());
    }

    /** Creates an account through the API as admin and logs it in. */
    ApiSession account(String name, String role) {
        return admin().account(name, role);
    }

    @Override
    public void close() {
        web.close();
        dashboard.close();
        if (passes != null) {
            passes.close();
        }
        if (lists != null) {
            lists.close();
        }
        storage.close();
    }
}
