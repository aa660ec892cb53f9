package org.gatepost.hub.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.gatepost.hub.config.HubConfig;
import org.gatepost.hub.purge.Purges;
import org.gatepost.hub.store.PurgeStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatepost-hub purge --config FILE --confirm PURGE}: the end of the emergency on a stopped hub whose web is out
 * of reach (docs/security.md, "End of the emergency (PIPL art. 47)"): deletes the personal data in the store, as the
 * dashboard's purge does, audited with actor {@value #ACTOR}. The gates are told when the hub next starts: it
 * announces the latest purge on the retained {@code gatepost/v1/hub/purge} and publishes the emptied lists.
 * "Stopped" as for {@link ResetPasswordCommand}.
 */
@Command(
        name = "purge",
        mixinStandardHelpOptions = true,
        description = {
            "On a stopped hub, deletes the personal data (lists, credential hashes, masked numbers, names,",
            "visitors) and keeps the anonymous counts; the gates purge when the hub next starts.",
            "Exit codes: 0 purged, 1 failed or a hub is running, 2 configuration error or no --confirm PURGE."
        })
public final class PurgeCommand extends StoreCommand {
    /** The word to type, here as on the dashboard. */
    public static final String CONFIRMATION = "PURGE";

    static final String ACTOR = "purge-command";

    @Option(names = "--confirm", paramLabel = "WORD", description = "Type PURGE to confirm.")
    String confirm;

    private final Clock clock;

    public PurgeCommand() {
        this(Clock.systemUTC());
    }

    PurgeCommand(Clock clock) {
        this.clock = clock;
    }

    @Override
    int run(HubConfig cfg) {
        if (!CONFIRMATION.equals(confirm)) {
            return fail(USAGE, "nothing deleted: confirm with --confirm " + CONFIRMATION);
        }
        return onStoppedHub(
                cfg,
                clock,
                "purge from the dashboard, or stop it first",
                "purge from the dashboard, or stop them all first",
                storage -> {
                    Instant now = clock.instant();
                    PurgeStore.Purge p =
                            storage.purges().purge(Purges.newId(now, RandomGenerator.getDefault()), now, ACTOR, null);
                    return done("Purge " + p.id() + " done at the hub: deleted " + p.deleted() + "."
                            + System.lineSeparator()
                            + "Gates to confirm: " + p.gates().size() + ". They are told when the hub next starts;"
                            + " see the dashboard's Purge view or GET /api/purge.");
                });
    }
}
