package org.gatepost.hub.web;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.gatepost.hub.auth.Accounts;
import org.gatepost.hub.auth.InvalidAccountException;
import org.gatepost.hub.auth.LoginThrottle;
import org.gatepost.hub.auth.PasswordFiles;
import org.gatepost.hub.auth.Passwords;
import org.gatepost.hub.auth.Sessions;
import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.pass.Passes;
import org.gatepost.hub.purge.Purges;
import org.gatepost.hub.store.AlertActions;
import org.gatepost.hub.store.DutyLog;
import org.gatepost.hub.store.EntrySearch;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreException;

/**
 * The operators' side of the hub, wired once: accounts and sessions, alert handling, entry search and the live
 * feed, all on the hub's database (sessions, CSRF tokens, the login throttle and the audit log included, so
 * several hubs on one database serve the same dashboard). Give {@link #events()} to ingest and the whole to
 * {@link WebServer#start}. {@link #close()} stops the live feed (the database belongs to the {@link Storage}).
 */
public final class Dashboard implements AutoCloseable {
    private final Accounts accounts;
    private final Sessions sessions;
    private final AlertActions alerts;
    private final EntrySearch entries;
    private final LiveFeed feed;
    private final DutyLog duty;
    /** The other hub instances, told of operators' changes on this one; none until the hub wires them in. */
    private volatile HubEvents others = HubEvents.NONE;

    private volatile Optional<Passes> passes = Optional.empty();
    private volatile Purges purges;

    private Dashboard(
            Accounts accounts,
            Sessions sessions,
            AlertActions alerts,
            EntrySearch entries,
            LiveFeed feed,
            DutyLog duty) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.alerts = alerts;
        this.entries = entries;
        this.feed = feed;
        this.duty = duty;
    }

    /** Starts the live feed's thread; generated passwords are kept in {@code passwordFiles}. */
    public static Dashboard open(Storage storage, Clock clock, Duration sessionTimeout, PasswordFiles passwordFiles)
            throws StoreException {
        return open(storage, clock, sessionTimeout, new Passwords(), passwordFiles);
    }

    /** With another bcrypt cost (tests use the lowest allowed, 10, to run faster). */
    static Dashboard open(
            Storage storage, Clock clock, Duration sessionTimeout, Passwords passwords, PasswordFiles passwordFiles)
            throws StoreException {
        Accounts accounts = new Accounts(
                storage.accounts(),
                passwords,
                new LoginThrottle(
                        storage.loginSlots(), clock, LoginThrottle.DEFAULT_MAX_CHECKS, LoginThrottle.DEFAULT_WINDOW),
                clock,
                passwordFiles);
        Sessions sessions = new Sessions(storage.sessions(), clock, sessionTimeout);
        AlertActions alerts = storage.alertActions();
        EntrySearch entries = storage.entrySearch();
        return new Dashboard(
                accounts,
                sessions,
                alerts,
                entries,
                new LiveFeed(storage.hub(), entries, alerts, sessions, clock),
                storage.dutyLog());
    }

    /** Visitor passes, served by the web server when given (before {@link WebServer#start}). */
    public void usePasses(Passes p) {
        this.passes = Optional.of(p);
    }

    Optional<Passes> passes() {
        return passes;
    }

    /** For ingest: tells open pages about new entries, alerts and gate changes. */
    public HubEvents events() {
        return feed;
    }

    /** Tells {@code others} (the other hub instances) of what operators change here, such as an acknowledged alert. */
    /** The end-of-emergency purge, served under {@code /api/purge} by a web server started after this call. */
    public void usePurges(Purges purges) {
        this.purges = purges;
    }

    /** What {@link #usePurges} gave; empty for a dashboard without it (tests, tools). */
    public Optional<Purges> purges() {
        return Optional.ofNullable(purges);
    }

    public void tellOthers(HubEvents others) {
        this.others = others;
    }

    /** What operators change on this instance: told to this instance's live feed and to the others. */
    HubEvents operatorEvents() {
        return new HubEvents() {
            @Override
            public void entryStored(String gate, String epoch, long seq) {
                feed.entryStored(gate, epoch, seq);
                others.entryStored(gate, epoch, seq);
            }

            @Override
            public void alertsChanged(String gate) {
                feed.alertsChanged(gate);
                others.alertsChanged(gate);
            }

            @Override
            public void gateChanged(String gate) {
                feed.gateChanged(gate);
                others.gateChanged(gate);
            }
        };
    }

    /** See {@link Accounts#ensureAdmin}. */
    public void ensureAdmin(Optional<String> password, PrintStream console)
            throws StoreException, InvalidAccountException, IOException {
        accounts.ensureAdmin(password, console);
    }

    Accounts accounts() {
        return accounts;
    }

    Sessions sessions() {
        return sessions;
    }

    AlertActions alerts() {
        return alerts;
    }

    EntrySearch entries() {
        return entries;
    }

    DutyLog duty() {
        return duty;
    }

    LiveFeed feed() {
        return feed;
    }

    @Override
    public void close() {
        feed.close();
    }
}
