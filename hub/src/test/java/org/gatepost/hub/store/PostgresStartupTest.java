package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Await;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.PostgresCluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the PostgreSQL backend does when the server is not as configured: a wrong URL, user or database fails at
 * once naming the key; a server that is down is waited for at start and survived later, and
 * {@link HubStore#acceptsWrites()} says which. A cluster of its own, since the tests stop it.
 */
class PostgresStartupTest {
    private static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");
    private PostgresCluster cluster;

    @BeforeEach
    void start() throws Exception {
        cluster = PostgresCluster.start();
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
    }

    private StoreSettings settings(String database, String user) {
        return new StoreSettings(
                Path.of("unused.db"), Optional.of(cluster.url(database)), Optional.of(user), Optional.empty());
    }

    @Test
    void aRefusedLoginIsAnErrorNamingTheUserKeys() {
        StoreException e = assertThrows(StoreException.class, () -> Storage.open(settings("postgres", "nobody")));

        assertTrue(
                e.getMessage().startsWith("store.username/store.password: login refused for user 'nobody'"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aMissingDatabaseIsAnErrorNamingTheUrlKey() {
        StoreException e =
                assertThrows(StoreException.class, () -> Storage.open(settings("nosuchdb", PostgresCluster.SUPERUSER)));

        assertTrue(e.getMessage().startsWith("store.url: the database does not exist"), e.getMessage());
    }

    @Test
    void aUrlOfAnotherDatabaseIsAnErrorNamingTheUrlKey() {
        StoreSettings mysql = new StoreSettings(
                Path.of("unused.db"), Optional.of("jdbc:mysql://localhost/db"), Optional.empty(), Optional.empty());

        StoreException e = assertThrows(StoreException.class, () -> Storage.open(mysql));

        assertTrue(e.getMessage().startsWith("store.url is not a PostgreSQL JDBC URL"), e.getMessage());
    }

    @Test
    void aServerThatIsDownAtStartIsWaitedFor() throws Exception {
        String db = cluster.createDatabase();
        cluster.stopServer();

        CompletableFuture<Storage> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return Storage.open(settings(db, PostgresCluster.SUPERUSER));
            } catch (StoreException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(1_500);
        assertFalse(opening.isDone(), "still waiting for the server");
        cluster.startServer();

        try (Storage storage = opening.get(60, TimeUnit.SECONDS)) {
            assertTrue(storage.hub().acceptsWrites());
            assertEquals(0, storage.hub().counts().entries());
        }
    }

    @Test
    void aServerThatGoesAwayFailsCallsUntilItIsBack() throws Exception {
        String db = cluster.createDatabase();
        EntryMessage admit = Contract.entry("entry-admit.json");
        try (Storage storage = Storage.open(settings(db, PostgresCluster.SUPERUSER))) {
            HubStore store = storage.hub();
            assertTrue(store.acceptsWrites());

            cluster.stopServer();
            assertFalse(store.acceptsWrites());
            assertThrows(StoreException.class, () -> store.commitEntry(admit, T0, List.of()));

            cluster.startServer();
            // A pooled connection from before the restart may fail the first call (as ingest's retry expects);
            // the pool replaces it, so writes succeed again within seconds.
            boolean[] inserted = {false};
            Await.until("a write succeeds after the restart", Duration.ofSeconds(15), () -> {
                try {
                    inserted[0] = store.commitEntry(admit, T0, List.of()).inserted();
                    return true;
                } catch (StoreException e) {
                    return false;
                }
            });
            assertTrue(inserted[0], "stored once, by the write that succeeded");
            assertTrue(store.acceptsWrites());
            assertEquals(1, store.counts().entries());
        }
    }

    @Test
    void findsThePrimaryAmongSeveralHostsOfTheUrl() throws Exception {
        String db = cluster.createDatabase();
        String url = "jdbc:postgresql://127.0.0.1:" + unusedPort() + ",127.0.0.1:" + cluster.port() + "/" + db
                + "?targetServerType=primary";

        try (Storage storage = Storage.open(new StoreSettings(
                Path.of("unused.db"), Optional.of(url), Optional.of(PostgresCluster.SUPERUSER), Optional.empty()))) {
            assertTrue(storage.hub().acceptsWrites());
            assertTrue(storage.hub()
                    .commitEntry(Contract.entry("entry-admit.json"), T0, List.of())
                    .inserted());
        }
    }

    @Test
    void twoHubsOnOneDatabaseGetDistinctIdsFromIt() throws Exception {
        String db = cluster.createDatabase();
        try (Storage a = Storage.open(settings(db, PostgresCluster.SUPERUSER));
                Storage b = Storage.open(settings(db, PostgresCluster.SUPERUSER))) {
            int perHub = 200;
            CompletableFuture<Void> fromA = CompletableFuture.runAsync(() -> deadLetters(a, perHub));
            CompletableFuture<Void> fromB = CompletableFuture.runAsync(() -> deadLetters(b, perHub));
            fromA.get(60, TimeUnit.SECONDS);
            fromB.get(60, TimeUnit.SECONDS);

            List<Long> ids =
                    a.hub().deadLetters(1_000).stream().map(DeadLetterView::id).toList();
            assertEquals(2 * perHub, ids.size());
            assertEquals(2 * perHub, ids.stream().distinct().count());
        }
    }

    private static void deadLetters(Storage s, int n) {
        try {
            for (int i = 0; i < n; i++) {
                s.hub().recordDeadLetter(new DeadLetter("t", "x", 1, "test", T0));
            }
        } catch (StoreException e) {
            throw new RuntimeException(e);
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
