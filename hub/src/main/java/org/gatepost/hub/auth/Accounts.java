package org.gatepost.hub.auth;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;
import org.gatepost.hub.store.Account;
import org.gatepost.hub.store.AccountStore;
import org.gatepost.hub.store.AuditRecord;
import org.gatepost.hub.store.DuplicateAccountException;
import org.gatepost.hub.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accounts and logins: checks passwords (bcrypt), creates accounts, changes passwords, and writes every login,
 * failed login and account change to the audit log. Passwords are never logged or stored in clear.
 *
 * <p>Thread safe. Blocking: each login or password change spends a bcrypt computation (a fraction of a
 * second) and a store transaction; call from request threads, not from the ingest thread.
 */
public final class Accounts {
    private static final Logger log = LoggerFactory.getLogger(Accounts.class);
    public static final String ADMIN = "admin";
    /** The actor recorded for what the hub does by itself (creating the first account). */
    public static final String HUB_ACTOR = "hub";

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,31}");
    private static final String GENERATED_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
    /** Password checks (bcrypt) running at once, across all logins; more are answered busy, not queued. */
    public static final int MAX_CONCURRENT_CHECKS = 2;

    private final AccountStore store;
    private final Passwords passwords;
    private final LoginThrottle throttle;
    private final Clock clock;
    private final PasswordFiles passwordFiles;
    private final SecureRandom random = new SecureRandom();
    private final TypedNames typedNames = new TypedNames(random);
    private final Semaphore checks = new Semaphore(MAX_CONCURRENT_CHECKS);
    private volatile String decoyHash;

    /** {@code passwordFiles}: where generated passwords are kept until their account changes them. */
    public Accounts(
            AccountStore store, Passwords passwords, LoginThrottle throttle, Clock clock, PasswordFiles passwordFiles) {
        this.passwordFiles = passwordFiles;
        this.store = store;
        this.passwords = passwords;
        this.throttle = throttle;
        this.clock = clock;
    }

    public AccountStore store() {
        return store;
    }

    /**
     * Checks a name and password typed at the login page; audits the outcome. At most
     * {@link #MAX_CONCURRENT_CHECKS} checks run at once in this hub: beyond that the attempt is answered
     * {@link LoginResult.Busy} at once, without a check and without touching the throttle. Otherwise the attempt
     * takes a slot from the {@link LoginThrottle} (shared by every hub on the database) before the password is
     * checked.
     */
    public LoginResult login(String typedName, String password, String remote) throws StoreException {
        String name = typedName == null ? "" : typedName.strip().toLowerCase(Locale.ROOT);
        if (!checks.tryAcquire()) {
            log.debug("event=login-busy remote={}", remote);
            return new LoginResult.Busy();
        }
        Optional<Account> account;
        boolean matched;
        LoginThrottle.Granted slot;
        try {
            LoginThrottle.Admission admission = throttle.admit(remote, name);
            if (admission instanceof LoginThrottle.Denied denied) {
                log.debug("event=login-throttled remote={}", remote);
                return new LoginResult.Throttled(denied.retryAfter());
            }
            slot = (LoginThrottle.Granted) admission;
            try {
                account = NAME.matcher(name).matches() ? store.account(name) : Optional.empty();
                // Spend the same bcrypt time for unknown names, so response times do not reveal which names exist.
                matched = passwords.matches(
                        password, account.map(Account::passwordHash).orElseGet(this::decoyHash));
            } catch (StoreException | RuntimeException e) {
                try {
                    throttle.cancel(slot);
                } catch (StoreException | RuntimeException again) {
                    e.addSuppressed(again);
                }
                throw e;
            }
        } finally {
            checks.release();
        }
        boolean ok = matched && account.isPresent();
        Optional<Role> role = account.flatMap(a -> Role.parse(a.role()));
        Instant now = clock.instant();
        if (!ok || role.isEmpty()) {
            String shown = account.isPresent() ? name : typedNames.unknown(typedName);
            store.audit(AuditRecord.of(
                    now,
                    shown,
                    AuditActions.LOGIN_FAILED,
                    null,
                    account.isPresent() ? "wrong password" : "unknown name",
                    remote));
            log.warn(
                    "event=login-failed user={} remote={} reason={}",
                    shown,
                    remote,
                    account.isPresent() ? "wrong-password" : "unknown-name");
            return new LoginResult.Refused();
        }
        throttle.succeeded(slot);
        store.audit(
                AuditRecord.of(now, name, AuditActions.LOGIN, null, role.get().wireName(), remote));
        log.info("event=login user={} role={} remote={}", name, role.get().wireName(), remote);
        return new LoginResult.Success(account.get(), role.get());
    }

    public void loggedOut(String name, String remote) throws StoreException {
        store.audit(AuditRecord.of(clock.instant(), name, AuditActions.LOGOUT, null, null, remote));
        log.info("event=logout user={} remote={}", name, remote);
    }

    /** Creates an account on behalf of {@code actor}; audited. */
    public Account create(String actor, String name, String role, String password, String remote)
            throws StoreException, DuplicateAccountException, InvalidAccountException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidAccountException(
                    "name",
                    "must be 1..32 of lowercase letters, digits, '.', '_', '-', " + "starting with a letter or digit");
        }
        Role r =
                Role.parse(role).orElseThrow(() -> new InvalidAccountException("role", "must be operator or observer"));
        Optional<String> weak = Passwords.problem(password);
        if (weak.isPresent()) {
            throw new InvalidAccountException("password", weak.get());
        }
        Instant now = clock.instant();
        Account a = new Account(name, r.wireName(), passwords.hash(password), now, now);
        store.create(a, AuditRecord.of(now, actor, AuditActions.ACCOUNT_CREATE, name, "role=" + r.wireName(), remote));
        log.info("event=account-created user={} role={} by={}", name, r.wireName(), actor);
        return a;
    }

    /**
     * Changes {@code name}'s own password after checking the current one; audited. The check and the new hash run
     * under the same bound as logins: when {@link #MAX_CONCURRENT_CHECKS} are running, fails at once.
     */
    public void changePassword(String name, String current, String next, String remote)
            throws StoreException, InvalidAccountException, ChecksBusyException {
        if (!checks.tryAcquire()) {
            throw new ChecksBusyException();
        }
        try {
            changeChecked(name, current, next, remote);
        } finally {
            checks.release();
        }
    }

    private void changeChecked(String name, String current, String next, String remote)
            throws StoreException, InvalidAccountException {
        Account a = store.account(name).orElseThrow(() -> new InvalidAccountException("name", "no such account"));
        if (!passwords.matches(current, a.passwordHash())) {
            store.audit(AuditRecord.of(
                    clock.instant(),
                    name,
                    AuditActions.PASSWORD_CHANGE,
                    name,
                    "refused: current password wrong",
                    remote));
            throw new InvalidAccountException("current", "is not the current password");
        }
        Optional<String> weak = Passwords.problem(next);
        if (weak.isPresent()) {
            throw new InvalidAccountException("new", weak.get());
        }
        Instant now = clock.instant();
        store.changePassword(
                name,
                passwords.hash(next),
                now,
                AuditRecord.of(now, name, AuditActions.PASSWORD_CHANGE, name, null, remote));
        log.info("event=password-changed user={}", name);
        forgetPasswordFile(name);
    }

    /**
     * Gives {@code name} a new generated password (for the {@code reset-password} command, on a stopped hub):
     * writes it to its {@link PasswordFiles} file first, then the hash, audited as {@code password-reset} by
     * {@value #HUB_ACTOR}. Returns the password, to be shown once.
     *
     * @throws InvalidAccountException (field {@code name}) when there is no such account
     */
    public String resetPassword(String name, String detail)
            throws StoreException, InvalidAccountException, IOException {
        if (name == null || !NAME.matcher(name).matches() || store.account(name).isEmpty()) {
            throw new InvalidAccountException("name", "no such account");
        }
        String password = generatePassword();
        Path file = passwordFiles.write(name, password);
        Instant now = clock.instant();
        store.changePassword(
                name,
                passwords.hash(password),
                now,
                AuditRecord.of(now, HUB_ACTOR, AuditActions.PASSWORD_RESET, name, detail, null));
        log.info("event=password-reset user={} file={}", name, file);
        return password;
    }

    private void forgetPasswordFile(String name) {
        try {
            if (passwordFiles.remove(name)) {
                log.info("event=generated-password-file-removed user={} file={}", name, passwordFiles.path(name));
            }
        } catch (IOException e) {
            log.warn(
                    "event=generated-password-file-not-removed user={} file={} reason={}",
                    name,
                    passwordFiles.path(name),
                    e.getMessage());
        }
    }

    /** Removes the password files of accounts whose password has changed since (on another hub, or by hand). */
    private void forgetStalePasswordFiles() throws StoreException {
        for (Account a : store.accounts()) {
            Optional<String> kept;
            try {
                kept = passwordFiles.read(a.name());
            } catch (IOException e) {
                log.warn(
                        "event=generated-password-file-unreadable user={} file={} reason={}",
                        a.name(),
                        passwordFiles.path(a.name()),
                        e.getMessage());
                continue;
            }
            if (kept.isPresent() && !passwords.matches(kept.get(), a.passwordHash())) {
                forgetPasswordFile(a.name());
            }
        }
    }

    /**
     * On a hub without accounts, creates the operator {@value #ADMIN} with {@code configured} as its password
     * or, without one, a generated password that is first written to its {@link PasswordFiles} file (mode 600)
     * and then printed once to {@code console} (never to the log); the file stays until {@value #ADMIN} changes
     * the password. On a hub with accounts, removes the files whose password no longer matches their account.
     *
     * @throws IOException when the password file cannot be written (then no account is created)
     */
    public void ensureAdmin(Optional<String> configured, PrintStream console)
            throws StoreException, InvalidAccountException, IOException {
        if (store.accountCount() > 0) {
            forgetStalePasswordFiles();
            return;
        }
        String password = configured.orElseGet(this::generatePassword);
        Path file = null;
        if (configured.isEmpty()) {
            file = passwordFiles.write(ADMIN, password);
        }
        try {
            create(HUB_ACTOR, ADMIN, Role.OPERATOR.wireName(), password, null);
        } catch (DuplicateAccountException e) {
            // Another hub on the database created admin first: the password just written is nobody's.
            if (file != null
                    && passwordFiles.read(ADMIN).filter(password::equals).isPresent()) {
                forgetPasswordFile(ADMIN);
            }
            return;
        }
        if (configured.isPresent()) {
            log.info("event=first-start-account-created role=operator user={} password=from-config", ADMIN);
        } else {
            console.println("Gatepost hub: first start, created the operator account '" + ADMIN + "' with password: "
                    + password);
            console.println("Gatepost hub: the password is also in " + file + " (mode 600) until it is changed."
                    + " Sign in and change it on the Accounts page.");
            console.flush();
            log.info(
                    "event=first-start-account-created role=operator user={} password=generated-printed-once file={}",
                    ADMIN,
                    file);
        }
    }

    private String generatePassword() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            if (i > 0 && i % 5 == 0) {
                b.append('-');
            }
            b.append(GENERATED_ALPHABET.charAt(random.nextInt(GENERATED_ALPHABET.length())));
        }
        return b.toString();
    }

    private String decoyHash() {
        String h = decoyHash;
        if (h == null) {
            h = passwords.hash(generatePassword());
            decoyHash = h;
        }
        return h;
    }
}
