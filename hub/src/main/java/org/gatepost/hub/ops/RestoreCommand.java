package org.gatepost.hub.ops;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.store.SqliteFiles;
import org.gatepost.hub.store.StoreException;
import org.gatepost.hub.store.StoreLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatepost-hub restore --config FILE IN}: on a stopped hub (it takes the {@link StoreLock}, which a running
 * hub holds), checks that {@code IN} is an undamaged Gatepost store of a schema this hub knows, keeps the present
 * store as {@code <store>.before-restore-<time>} and puts a copy of {@code IN} in its place
 * ({@link SqliteFiles#replace}). Migrations run at the next start. A PostgreSQL store is restored with
 * {@code pg_restore}: the command says how and exits 2.
 */
@Command(
        name = "restore",
        mixinStandardHelpOptions = true,
        description = {
            "Replaces the stopped hub's SQLite store with the backup IN, keeping the present one.",
            "That is kept as <store>.before-restore-<UTC time>. With PostgreSQL (store.url) use pg_restore.",
            "Exit codes: 0 restored, 1 failed or the hub is running, 2 configuration error, IN is not a",
            "usable store, or PostgreSQL."
        })
public final class RestoreCommand extends StoreCommand {
    @Parameters(paramLabel = "IN", description = "The backup to restore (a file written by backup).")
    Path in;

    private final Clock clock;

    public RestoreCommand() {
        this(Clock.systemUTC());
    }

    RestoreCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    int run(HubConfig cfg) {
        if (cfg.storeUrl().isPresent()) {
            return fail(
                    USAGE,
                    "the store is PostgreSQL (store.url); with every hub stopped, restore into an empty"
                            + " database with pg_restore: pg_restore --no-owner --dbname='" + libpqUri(cfg) + "' " + in
                            + " (docs/deployment.md#postgresql)");
        }
        Path store = cfg.storePath();
        Optional<String> owner = ownerProblem(store);
        if (owner.isPresent()) {
            return fail(USAGE, owner.get());
        }
        int schema;
        try {
            schema = SqliteFiles.schemaVersion(in);
        } catch (StoreException e) {
            return fail(USAGE, e.getMessage());
        }
        if (schema > SqliteFiles.currentSchema()) {
            return fail(
                    USAGE,
                    in + " has schema version " + schema + ", newer than this hub's " + SqliteFiles.currentSchema());
        }
        try (StoreLock lock = StoreLock.tryAcquire(store).orElse(null)) {
            if (lock == null) {
                return fail(FAILED, "the hub is running (it holds " + StoreLock.fileOf(store) + "); stop it first");
            }
            Path kept = SqliteFiles.replace(store, in, clock.instant());
            return done("restored " + in.toAbsolutePath() + " (schema " + schema + ") to " + store.toAbsolutePath()
                    + (kept == null ? "" : "; the replaced store is kept as " + kept)
                    + ". Start the hub: it brings the schema up to date, and the gates resend what they still hold.");
        } catch (StoreException | IOException e) {
            return fail(FAILED, e.getMessage());
        }
    }
}
