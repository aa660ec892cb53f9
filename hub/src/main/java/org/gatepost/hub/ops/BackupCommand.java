package org.gatepost.hub.ops;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.store.SqliteFiles;
import org.gatepost.hub.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gatepost-hub backup --config FILE [--force] OUT}: a consistent copy of the SQLite store, made while the
 * hub runs or not ({@link SqliteFiles#copy}), mode 600, then checked ({@code PRAGMA quick_check}, schema history).
 * A PostgreSQL store is backed up with {@code pg_dump}: the command says how and exits 2.
 */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Writes a consistent copy of the hub's SQLite store to OUT, also while the hub runs.",
            "OUT gets mode 600.",
            "With PostgreSQL (store.url) use pg_dump instead (docs/deployment.md, Backups).",
            "Exit codes: 0 written, 1 failed, 2 configuration error, OUT exists, or PostgreSQL."
        })
public final class BackupCommand extends StoreCommand {
    @Option(names = "--force", description = "Replace OUT if it exists.")
    boolean force;

    @Parameters(paramLabel = "OUT", description = "The copy to write (a new file unless --force).")
    Path out;

    @Override
    int run(HubConfig cfg) {
        if (cfg.storeUrl().isPresent()) {
            return fail(
                    USAGE,
                    "the store is PostgreSQL (store.url); back it up with pg_dump: pg_dump --format=custom" + " --file="
                            + out + " '" + libpqUri(cfg) + "' (docs/deployment.md#postgresql)");
        }
        Path store = cfg.storePath();
        var owner = ownerProblem(store);
        if (owner.isPresent()) {
            return fail(USAGE, owner.get());
        }
        try {
            SqliteFiles.copy(store, out, force);
            int schema = SqliteFiles.schemaVersion(out);
            return done("backup written: " + out.toAbsolutePath() + " (schema " + schema + ", " + Files.size(out)
                    + " bytes, from " + store.toAbsolutePath() + ")");
        } catch (FileAlreadyExistsException e) {
            return fail(USAGE, out + " exists (--force replaces it)");
        } catch (StoreException | IOException e) {
            return fail(FAILED, e.getMessage());
        }
    }
}
