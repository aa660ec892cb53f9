package org.gatepost.hub.ops;

import java.time.Clock;
import java.util.Optional;
import org.gatepost.hub.auth.Accounts;
import org.gatepost.hub.auth.InvalidAccountException;
import org.gatepost.hub.auth.LoginThrottle;
import org.gatepost.hub.auth.PasswordFiles;
import org.gatepost.hub.auth.Passwords;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.store.Storage;
import org.gatepost.hub.store.StoreLock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code gatepost-hub reset-password --config FILE NAME}: on a stopped hub, gives the account {@code NAME} a new
 * generated password ({@link Accounts#resetPassword}: written first to its {@link PasswordFiles} file, mode 600,
 * beside the store; audited as {@code password-reset}), ends its sessions and prints the password once. "Stopped":
 * on SQLite nobody holds the {@link StoreLock}; on PostgreSQL no instance holds an unexpired lease
 * ({@link Storage#runningInstances}).
 */
@Command(
        name = "reset-password",
        mixinStandardHelpOptions = true,
        description = {
            "On a stopped hub, gives the dashboard account NAME a new generated password.",
            "Prints it once, keeps it in password-NAME.txt beside the store (mode 600) until NAME changes it,",
            "and ends NAME's sessions.",
            "Exit codes: 0 reset, 1 failed or a hub is running, 2 configuration error or no such account."
        })
public final class ResetPasswordCommand extends StoreCommand {
    static final String AUDIT_DETAIL = "reset-password command";

    @Parameters(paramLabel = "NAME", description = "The account, e.g. admin.")
    String name;

    private final Clock clock;

    public ResetPasswordCommand() {
        this(Clock.systemUTC());
    }

    ResetPasswordCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    int run(HubConfig cfg) {
        return onStoppedHub(
                cfg,
                clock,
                "stop it first",
                "stop them all first (a lease of a killed one expires within 10 s)",
                storage -> {
                    PasswordFiles files = PasswordFiles.besideStore(cfg.storePath());
                    Accounts accounts = new Accounts(
                            storage.accounts(),
                            new Passwords(),
                            new LoginThrottle(
                                    storage.loginSlots(),
                                    clock,
                                    LoginThrottle.DEFAULT_MAX_CHECKS,
                                    LoginThrottle.DEFAULT_WINDOW),
                            clock,
                            files);
                    String password;
                    try {
                        password = accounts.resetPassword(name, AUDIT_DETAIL);
                    } catch (InvalidAccountException e) {
                        return fail(USAGE, "no account '" + name + "'");
                    }
                    int ended = storage.sessions().deleteAllOf(name, Optional.empty());
                    return done("Password of '" + name + "' reset: " + password + System.lineSeparator()
                            + "It is shown only now; it is also in " + files.path(name) + " (mode 600) until '" + name
                            + "' changes it. Sessions ended: " + ended + ".");
                });
    }
}
