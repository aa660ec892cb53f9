package org.gatepost.hub.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoreSettings;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A fresh database per test on the backend asked for: a SQLite file in a new temporary directory, or a new
 * database on one {@link PostgresCluster} shared by the whole test run (started on first use, stopped when the run
 * ends). Register as an instance field: {@code @RegisterExtension final TestDatabases databases = new
 * TestDatabases();}. Within a test, {@link #settings} returns the same database each time (so a test can reopen
 * it); stores opened with {@link #open} are closed after the test. In a {@code PER_CLASS} test class the
 * databases belong to the class (one per parameter), for a hub started in {@code @BeforeAll}.
 */
public final class TestDatabases implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestDatabases.class);

    private ExtensionContext context;
    private boolean perClass;
    private Path dir;
    private final Map<String, StoreSettings> settings = new HashMap<>();
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        perClass = true;
        this.context = context;
        this.dir = Files.createTempDirectory("gatepost-store");
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        cleanUp();
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (!perClass) {
            this.context = context;
            this.dir = Files.createTempDirectory("gatepost-store");
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            cleanUp();
        }
    }

    private void cleanUp() throws Exception {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
        settings.clear();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** This test's database on {@code backend}; the same on every call within the test. */
    public StoreSettings settings(Backend backend) {
        return settings(backend, "hub");
    }

    /** Another database of this test on {@code backend}, by name; the same on every call with that name. */
    public StoreSettings settings(Backend backend, String name) {
        return settings.computeIfAbsent(backend + "/" + name, k -> switch (backend) {
            case SQLITE -> StoreSettings.sqlite(dir.resolve(name + ".db"));
            case POSTGRESQL -> {
                Migrated pg = cluster();
                try {
                    yield pgSettings(pg.cluster(), pg.cluster().createDatabase(pg.template()));
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * A database of this test without any table, by name (a new SQLite path; a new PostgreSQL database), for tests
     * that build an older schema themselves.
     */
    public StoreSettings empty(Backend backend, String name) {
        return settings.computeIfAbsent(backend + "/empty/" + name, k -> switch (backend) {
            case SQLITE -> StoreSettings.sqlite(dir.resolve(name + ".db"));
            case POSTGRESQL -> {
                try {
                    yield pgSettings(cluster().cluster(), cluster().cluster().createDatabase());
                } catch (SQLException e) {
                    throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
                }
            }
        });
    }

    /** Opens this test's database on {@code backend}; closed after the test. */
    public Storage open(Backend backend) throws StoreException {
        return open(backend, "hub");
    }

    /** Opens the named database of this test on {@code backend}; closed after the test. */
    public Storage open(Backend backend, String name) throws StoreException {
        Storage s = Storage.open(settings(backend, name));
        opened.push(s);
        return s;
    }

    /** Runs a statement on this test's database outside the store (to break it on purpose, say). */
    public void execute(Backend backend, String sql) throws SQLException {
        StoreSettings s = settings(backend);
        String url = s.url().orElse("jdbc:sqlite:" + s.path());
        try (Connection c = DriverManager.getConnection(
                        url, s.username().orElse(null), s.password().orElse(null));
                Statement st = c.createStatement()) {
            st.executeUpdate(sql);
        }
    }

    /** The hub configuration keys of this test's database on {@code backend} ({@code store.*}). */
    public Map<String, String> hubKeys(Backend backend) {
        StoreSettings s = settings(backend);
        if (s.url().isEmpty()) {
            return Map.of("store.path", s.path().toString());
        }
        return Map.of(
                "store.path",
                s.path().toString(),
                "store.url",
                s.url().get(),
                "store.username",
                s.username().orElseThrow());
    }

    private StoreSettings pgSettings(PostgresCluster cluster, String database) {
        return new StoreSettings(
                dir.resolve("unused.db"),
                Optional.of(cluster.url(database)),
                Optional.of(PostgresCluster.SUPERUSER),
                Optional.empty());
    }

    /** The run's cluster and a database migrated by this hub's code that every test database is a copy of. */
    private record Migrated(PostgresCluster cluster, String template) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            cluster.close();
        }
    }

    /** The run's PostgreSQL cluster, started on first use. */
    private Migrated cluster() {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(
                        Migrated.class,
                        k -> {
                            try {
                                PostgresCluster cluster = PostgresCluster.start();
                                String template = cluster.createDatabase();
                                Storage.open(pgSettings(cluster, template)).close();
                                return new Migrated(cluster, template);
                            } catch (IOException | SQLException | StoreException e) {
                                throw new IllegalStateException(
                                        "cannot start PostgreSQL for the tests: " + e.getMessage(), e);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
                            }
                        },
                        Migrated.class);
    }

    /** A temporary directory of this test (deleted after it). */
    public Path dir() {
        return dir;
    }
}
