package org.gatepost.hub.ops;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.gatepost.hub.config.ConfigException;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.config.HubConfigParser;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoreLock;
import org.gatepost.hub.store.StoreSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the store commands ({@code backup}, {@code restore}, {@code reset-password}) share: {@code --config FILE},
 * read and validated like the hub's own start, and the exit codes: {@link #OK}, {@link #FAILED} (it could not be
 * done: an I/O error, a running hub), {@link #USAGE} (a configuration error, or a request that cannot be met as
 * asked: an existing output without {@code --force}, a PostgreSQL store, an unknown account, a file that is not a
 * store). Each writes one line to standard error when it does not succeed.
 */
abstract class StoreCommand implements Callable<Integer> {
    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(
            names = "--config",
            required = true,
            paramLabel = "FILE",
            description = "The hub's properties file (its store.* keys say where the store is).")
    Path config;

    @Override
    public final Integer call() {
        quietLogs();
        HubConfig cfg;
        try {
            cfg = HubConfigParser.load(config);
        } catch (ConfigException e) {
            return fail(USAGE, "configuration error: " + e.getMessage());
        }
        return run(cfg);
    }

    abstract int run(HubConfig cfg);

    /**
     * Warnings and errors only from the store and its libraries: their INFO lines (migrations, store opened and
     * closed) would bury the command's one line of output. slf4j-simple reads these properties when each logger is
     * made, so this works for every logger made from here on.
     */
    private static void quietLogs() {
        for (String name : new String[] {"org.gatepost", "org.flywaydb", "com.zaxxer"}) {
            System.setProperty("org.slf4j.simpleLogger.log." + name, "warn");
        }
    }

    /** What a command does with the store of a stopped hub; returns the exit code. */
    @FunctionalInterface
    interface StoreWork {
        int run(Storage storage) throws StoreException, IOException;
    }

    /**
     * Runs {@code work} on the store of a stopped hub. On SQLite the store must exist and belong to this user
     * ({@link #USAGE} otherwise), and nobody may hold its {@link StoreLock}; on PostgreSQL no instance may hold an
     * unexpired lease ({@link Storage#runningInstances}); a running hub is {@link #FAILED}, its line ending in
     * {@code ifRunning} (SQLite) or {@code ifInstancesRun} (PostgreSQL): what to do instead. So is a store failure.
     */
    int onStoppedHub(HubConfig cfg, Clock clock, String ifRunning, String ifInstancesRun, StoreWork work) {
        Path storePath = cfg.storePath();
        boolean sqlite = cfg.storeUrl().isEmpty();
        if (sqlite) {
            Optional<String> owner = ownerProblem(storePath);
            if (owner.isPresent()) {
                return fail(USAGE, owner.get());
            }
            if (!Files.isRegularFile(storePath)) {
                return fail(USAGE, "no store at " + storePath.toAbsolutePath() + " (store.path)");
            }
        }
        try (StoreLock lock = sqlite ? StoreLock.tryAcquire(storePath).orElse(null) : null) {
            if (sqlite && lock == null) {
                return fail(FAILED, "the hub is running (it holds " + StoreLock.fileOf(storePath) + "); " + ifRunning);
            }
            try (Storage storage = Storage.open(
                    new StoreSettings(storePath, cfg.storeUrl(), cfg.storeUsername(), cfg.storePassword()), clock)) {
                List<String> running = storage.runningInstances();
                if (!running.isEmpty()) {
                    return fail(
                            FAILED,
                            "hub instances are running on this database (" + String.join(", ", running) + "); "
                                    + ifInstancesRun);
                }
                return work.run(storage);
            }
        } catch (StoreException | IOException e) {
            return fail(FAILED, e.getMessage());
        }
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    int fail(int code, String message) {
        PrintWriter err = spec.commandLine().getErr();
        err.println("gatepost-hub " + spec.name() + ": " + message);
        err.flush();
        return code;
    }

    int done(String message) {
        PrintWriter out = out();
        out.println(message);
        out.flush();
        return OK;
    }

    /**
     * Why this process should not touch the SQLite store {@code db} (a file another user owns: SQLite would create
     * {@code -wal}/{@code -shm} files the hub's user cannot open, and a restored file would belong to the wrong
     * user), or empty. A missing file is no objection.
     */
    static Optional<String> ownerProblem(Path db) {
        try {
            if (!Files.exists(db)) {
                return Optional.empty();
            }
            String owner = Files.getOwner(db).getName();
            String me = System.getProperty("user.name");
            if (owner.equals(me)) {
                return Optional.empty();
            }
            return Optional.of(db + " belongs to user " + owner + ", not " + me + "; run this as that user: sudo -u "
                    + owner + " gatepost-hub ...");
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** {@code store.url} as a libpq URI with the user and without the password, for {@code pg_dump}/{@code pg_restore}. */
    static String libpqUri(HubConfig cfg) {
        String url = cfg.storeUrl().orElseThrow().substring("jdbc:".length());
        int query = url.indexOf('?');
        if (query >= 0) {
            url = url.substring(0, query);
        }
        String user = cfg.storeUsername().map(u -> u + "@").orElse("");
        return url.replaceFirst("^postgresql://", "postgresql://" + user);
    }
}
