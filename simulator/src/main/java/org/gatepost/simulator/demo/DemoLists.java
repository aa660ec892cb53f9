package org.gatepost.simulator.demo;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gatepost.agent.device.CredentialRead;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.identity.CredentialHasher;
import org.gatepost.hub.lists.ImportException;
import org.gatepost.hub.lists.ImportOutcome;
import org.gatepost.hub.lists.ListKind;
import org.gatepost.hub.lists.Lists;
import org.gatepost.hub.lists.Policy;
import org.gatepost.hub.store.StoreException;
import org.gatepost.simulator.crowd.Community;

/**
 * Gives the demo hub the lists of a simulated {@link Community} the way an operator would: the residents and
 * home-quarantine CSV files through the hub's import, the blocked household and the volunteer's badge through
 * {@link Lists#replaceItems}, and a policy with a short rest before the re-measure ({@link #RETEST_REST}). The hub
 * hashes the ID numbers and drops them.
 */
public final class DemoLists {
    static final String ACTOR = "demo";
    private static final String REMOTE = "127.0.0.1";
    static final Duration QUARANTINE_FOR = Duration.ofDays(14);
    /** The demo's rest before a re-measure: short, so a visitor of the demo sees retests decided. */
    public static final Duration RETEST_REST = Duration.ofSeconds(30);

    private DemoLists() {}

    /**
     * Imports the lists and returns the residents import's outcome.
     *
     * @throws IllegalStateException when the hub rejected a row of the community's files (a simulator bug)
     */
    public static ImportOutcome load(Lists lists, Community community, String secret, Clock clock)
            throws ImportException, StoreException {
        ImportOutcome residents = lists.importCsv(
                ListKind.RESIDENTS,
                community.residentsCsv().getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                false,
                ACTOR,
                REMOTE);
        requireClean(residents);
        requireClean(lists.importCsv(
                ListKind.QUARANTINE,
                community.quarantineCsv(clock.instant().plus(QUARANTINE_FOR)).getBytes(StandardCharsets.UTF_8),
                Optional.empty(),
                false,
                ACTOR,
                REMOTE));
        JsonNodeFactory json = JsonNodeFactory.instance;
        lists.replaceItems(
                ListKind.BLOCKED,
                List.of(json.objectNode().put("household", community.blockedHousehold())),
                ACTOR,
                REMOTE);
        Credential badge =
                new CredentialHasher(secret).other(CredentialRead.KIND_RFID, Long.toString(community.volunteerTag()));
        ObjectNode volunteer = json.objectNode()
                .put("hash", badge.hash())
                .put("masked", badge.masked())
                .put("name", community.volunteerName())
                .put("role", "volunteer");
        lists.replaceItems(ListKind.BADGES, List.of(volunteer), ACTOR, REMOTE);
        Policy d = Policy.DEFAULT;
        lists.setPolicy(
                new Policy(
                        d.thresholdC(),
                        d.enforcement(),
                        d.measureOnly(),
                        d.mask(),
                        (int) RETEST_REST.toSeconds(),
                        d.duplicateWindowS(),
                        d.exitQuota()),
                ACTOR,
                REMOTE);
        return residents;
    }

    private static void requireClean(ImportOutcome outcome) {
        if (!outcome.report().errors().isEmpty() || outcome.applied().isEmpty()) {
            throw new IllegalStateException(
                    "the hub rejected the demo's " + outcome.report().list().wire() + " file: "
                            + outcome.report().errors());
        }
    }
}
