package org.gatepost.hub.store;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The hub's storage, opened once by the hub's wiring: the ingest-side {@link HubStore} and the operator stores, all
 * on one database. {@link StoreSettings} decides the backend (SQLite file or PostgreSQL server); nothing outside
 * this package knows which one runs. Thread safe, like each store. {@link #close()} closes the database.
 */
public final class Storage implements AutoCloseable {
    private final HubStore hub;
    private final Database db;
    /** Present on PostgreSQL: the server other hub instances may share. */
    private final Optional<StoreSettings> server;

    private <S extends HubStore & Database> Storage(S store, Optional<StoreSettings> server) {
        this.hub = store;
        this.db = store;
        this.server = server;
    }

    /**
     * Opens the database and applies the schema migrations. A PostgreSQL server that cannot be reached is waited
     * for (see {@link PostgresHubStore#open}); a refused login or a missing database throws at once.
     */
    public static Storage open(StoreSettings settings) throws StoreException {
        return open(settings, Clock.systemUTC());
    }

    /** As {@link #open(StoreSettings)}; {@code clock} times the store's own events (a full disk's period). */
    public static Storage open(StoreSettings settings, Clock clock) throws StoreException {
        if (settings.url().isPresent()) {
            return new Storage(PostgresHubStore.open(settings), Optional.of(settings));
        }
        return new Storage(SqliteHubStore.open(settings.path(), clock), Optional.empty());
    }

    public HubStore hub() {
        return hub;
    }

    public ListStore lists() {
        return SqlListStore.open(db);
    }

    public AccountStore accounts() {
        return SqlAccountStore.open(db);
    }

    public AlertActions alertActions() {
        return SqlAlertActions.open(db);
    }

    public EntrySearch entrySearch() {
        return new SqlEntrySearch(db);
    }

    /** Visitor passes and the hub's pass signing keys, shared by every hub on this database. */
    public PassStore passes() {
        return new SqlPassStore(db);
    }

    /** The dashboard's sessions, shared by every hub on this database. */
    public SessionStore sessions() {
        return new SqlSessionStore(db);
    }

    /** The login throttle's slots, shared by every hub on this database. */
    public LoginSlotStore loginSlots() {
        return new SqlLoginSlotStore(db);
    }

    /** The end of the emergency: the purge of the personal data and the gates' confirmations. */
    public PurgeStore purges() {
        return new SqlPurgeStore(db);
    }

    public DutyLog dutyLog() {
        return new DutyLog(db);
    }

    /**
     * The leases of the hub instance {@code instanceId} (not started): on PostgreSQL kept in the {@code leases}
     * table ({@link LeaseKeeper}), on SQLite all held by the one instance ({@link Leases#sole}).
     */
    public Leases leases(String instanceId) {
        if (server.isEmpty()) {
            return Leases.sole(instanceId);
        }
        return new LeaseKeeper(leaseTable(), instanceId, System::nanoTime);
    }

    /** The {@code leases} table itself (PostgreSQL), for tests of its statements. */
    LeaseTable leaseTable() {
        return new SqlLeaseTable(db);
    }

    /** The notification channel the instances on one PostgreSQL database share; empty on SQLite (one instance). */
    public Optional<NotifyChannel> notifyChannel() {
        return server.map(s -> new PgNotifyChannel(db, s));
    }

    /** Each gate's progress in its latest epoch (see {@link ProgressReads#latest}). */
    public List<GateProgress> latestProgress() throws StoreException {
        return db.query("read progress of every gate", ProgressReads::latest);
    }

    /**
     * The hub instances running on this database now: on PostgreSQL the holders of a lease that has not expired
     * by the database's clock (a running instance renews its leases every few seconds; one that stopped released
     * them; one that died leaves them to expire within {@code 10 s}); on SQLite always empty (there the running hub
     * holds the {@link StoreLock}).
     */
    public List<String> runningInstances() throws StoreException {
        if (server.isEmpty()) {
            return List.of();
        }
        return db.query("read lease holders", c -> {
            try (var ps = c.prepareStatement(
                            "SELECT DISTINCT holder FROM leases WHERE expires_at > now() ORDER BY holder");
                    var rs = ps.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        });
    }

    /** The database as the package's stores use it (for tests of those stores). */
    Database database() {
        return db;
    }

    @Override
    public void close() {
        hub.close();
    }
}
