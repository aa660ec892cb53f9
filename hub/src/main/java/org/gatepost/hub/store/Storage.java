package org.gatepost.hub.store;

/**
 * The hub's storage, opened once by the hub's wiring: the ingest-side {@link HubStore} and the operator stores, all
 * on one database. {@link StoreSettings} decides the backend (SQLite file or PostgreSQL server); nothing outside
 * this package knows which one runs. Thread safe, like each store. {@link #close()} closes the database.
 */
public final class Storage implements AutoCloseable {
    private final HubStore hub;
    private final Database db;

    private <S extends HubStore & Database> Storage(S store) {
        this.hub = store;
        this.db = store;
    }

    /**
     * Opens the database and applies the schema migrations. A PostgreSQL server that cannot be reached is waited
     * for (see {@link PostgresHubStore#open}); a refused login or a missing database throws at once.
     */
    public static Storage open(StoreSettings settings) throws StoreException {
        return open(settings, java.time.Clock.systemUTC());
    }

    /** As {@link #open(StoreSettings)}; {@code clock} times the store's own events (a full disk's period). */
    public static Storage open(StoreSettings settings, java.time.Clock clock) throws StoreException {
        if (settings.url().isPresent()) {
            return new Storage(PostgresHubStore.open(settings));
        }
        return new Storage(SqliteHubStore.open(settings.path(), clock));
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

    /** The dashboard's sessions, shared by every hub on this database. */
    public SessionStore sessions() {
        return new SqlSessionStore(db);
    }

    /** The login throttle's slots, shared by every hub on this database. */
    public LoginSlotStore loginSlots() {
        return new SqlLoginSlotStore(db);
    }

    public DutyLog dutyLog() {
        return new DutyLog(db);
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
