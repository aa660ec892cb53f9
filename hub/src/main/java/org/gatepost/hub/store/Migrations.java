package org.gatepost.hub.store;

import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The hub's schema as one versioned list of Flyway migrations, the same versions for every backend, in
 * {@code src/main/resources/db/migration/<backend>/V<n>__<what>.sql} (each backend's SQL where the two differ,
 * such as identity columns). Applied when the store opens; a database of a newer hub is refused.
 *
 * <p>SQLite files written before migrations were versioned carry their schema version in
 * {@code PRAGMA user_version} (1 or 2) and have no history table: they are baselined at that version, so only the
 * later migrations run. After migrating, SQLite's {@code user_version} is set to the current version too, so an
 * older hub (which checks it) refuses the file instead of misreading it.
 */
final class Migrations {
    static final String SQLITE = "classpath:db/migration/sqlite";
    static final String POSTGRESQL = "classpath:db/migration/postgresql";
    /** The newest schema version this hub knows; a test keeps it equal to the last migration of each backend. */
    static final int CURRENT = 10;

    private Migrations() {}

    /**
     * Migrates a SQLite database whose {@code PRAGMA user_version} is {@code userVersion}; returns the schema
     * version before (0: new), for the log.
     */
    static int sqlite(DataSource db, int userVersion, String where) throws StoreException {
        var config = Flyway.configure().dataSource(db).locations(SQLITE);
        if (userVersion > 0) {
            // A file from before versioned migrations (a later one has a history table, so this is ignored).
            config = config.baselineOnMigrate(true)
                    .baselineVersion(String.valueOf(userVersion))
                    .baselineDescription("user_version " + userVersion);
        }
        return migrate(config.load(), where);
    }

    static int postgres(DataSource db, String where) throws StoreException {
        return migrate(Flyway.configure().dataSource(db).locations(POSTGRESQL).load(), where);
    }

    private static int migrate(Flyway flyway, String where) throws StoreException {
        Optional<MigrationInfo> future = Arrays.stream(flyway.info().all())
                .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS)
                .findFirst();
        if (future.isPresent()) {
            throw new StoreException("store " + where + " has schema version "
                    + future.get().getVersion() + ", newer than this hub's " + CURRENT);
        }
        MigrateResult result = flyway.migrate();
        String before = result.initialSchemaVersion;
        return before == null ? 0 : Integer.parseInt(before);
    }

    /** Wraps Flyway's unchecked failures; the caller decides whether the cause is worth a retry. */
    static <T> T translating(FlywayCall<T> call) throws StoreException {
        try {
            return call.run();
        } catch (FlywayException e) {
            throw new StoreException("schema migration failed: " + e.getMessage(), e);
        }
    }

    interface FlywayCall<T> {
        T run() throws StoreException;
    }
}
