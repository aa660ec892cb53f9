package org.gatepost.hub.deploy;

import java.util.List;
import org.gatepost.hub.contract.Topics;

/**
 * The text of Mosquitto's {@code acl_file} for the v1 topics ({@code docs/mqtt.md}). Pure and thread safe.
 *
 * <p>Each hub user (one per hub instance) reads what every gate publishes and writes acks and commands to any
 * gate; its bulk session's user ({@link #bulkUser}) reads the gates' batches. Every other user
 * is a gate, and {@code pattern} lines with {@code %u} (the user name, which is the gate id) keep it to its own
 * topics. {@code %u} rather than {@code %c}: the client id is whatever the client claims (Mosquitto 2.0 also
 * replaces it with the user name here, through {@code use_username_as_clientid}).
 *
 * <p>Pattern lines apply to every user, so each user that is not a gate (the hubs', their bulk sessions' and the
 * read-only user {@value #MONITOR_USER} that {@code docs/deployment.md} suggests for watching traffic) would also
 * be a phantom gate of its own name: each block denies that user's gate tree ({@code topic deny} lines are checked
 * before every grant, patterns included). {@value #MONITOR_USER} therefore publishes nowhere. Its block is written
 * whether or not the user exists; adding it to the password file is all that is needed.
 *
 * <p>Mosquitto only. Moquette's ACL parser reads a trailing {@code #} as a comment, so a line ending in
 * {@code /#} grants nothing there; this file has such lines ({@value #HUB_TREE}).
 */
public final class AclFile {
    /** The read-only user for watching traffic: reads every Gatepost topic, writes none. */
    public static final String MONITOR_USER = "monitor";

    /** Hub-wide topics (lists for the gates, later): the hub writes, every gate reads. */
    public static final String HUB_TREE = "gatepost/v1/hub/#";

    private AclFile() {}

    /** The user (and client id) of the hub's second session, which takes only the gates' batches. */
    public static String bulkUser(String hubUser) {
        return hubUser + Topics.BULK_SUFFIX;
    }

    /** The ACL for one hub instance whose broker user is {@code hubUser}. */
    public static String render(String hubUser) {
        return render(List.of(hubUser));
    }

    /**
     * The ACL for {@code hubUsers}, one per hub instance, in that order: each gets the hub's block and its bulk
     * session's block. Mosquitto grants the instances' shared subscriptions ({@code $share/<group>/<filter>}) under
     * the same read lines as the plain filters (verified with Mosquitto 2.0.11 by the deploy tests).
     */
    public static String render(List<String> hubUsers) {
        String gates = Topics.ROOT;
        StringBuilder b = new StringBuilder()
                .append(
                        "# Mosquitto ACL for Gatepost (topics: docs/mqtt.md), written by `gatepost-hub mosquitto-setup`.\n")
                .append(
                        "# Mosquitto only: Moquette treats a trailing '#' as a comment, so its '/#' lines would grant nothing.\n");
        for (String hubUser : hubUsers) {
            b.append("\n")
                    .append(
                            hubUsers.size() == 1
                                    ? "# The hub reads every gate's messages and answers each gate.\n"
                                    : "# Hub instance " + hubUser
                                            + ": reads every gate's messages (shared with the other"
                                            + " instances) and answers each gate.\n")
                    .append("user ")
                    .append(hubUser)
                    .append('\n')
                    .append("topic read ")
                    .append(gates)
                    .append("+/entries\n")
                    .append("topic read ")
                    .append(gates)
                    .append("+/batch\n")
                    .append("topic read ")
                    .append(gates)
                    .append("+/status\n")
                    .append("topic read ")
                    .append(gates)
                    .append("+/heartbeat\n")
                    .append("topic read ")
                    .append(gates)
                    .append("+/purged\n")
                    .append("topic write ")
                    .append(gates)
                    .append("+/ack\n")
                    .append("topic write ")
                    .append(gates)
                    .append("+/commands\n")
                    .append("topic write ")
                    .append(HUB_TREE)
                    .append('\n')
                    .append("topic deny ")
                    .append(gates)
                    .append(hubUser)
                    .append("/#\n")
                    .append("\n")
                    .append("# The bulk session of ")
                    .append(hubUser)
                    .append(" (the gates' backlogs), same password; docs/mqtt.md.\n")
                    .append("user ")
                    .append(bulkUser(hubUser))
                    .append('\n')
                    .append("topic read ")
                    .append(gates)
                    .append("+/batch\n")
                    .append("topic deny ")
                    .append(gates)
                    .append(bulkUser(hubUser))
                    .append("/#\n");
        }
        return b.append("\n")
                .append(
                        "# A read-only user for watching traffic (docs/deployment.md). The deny line comes first in Mosquitto's\n")
                .append("# checks, so the gate patterns below do not make it a gate named '")
                .append(MONITOR_USER)
                .append("': it writes nowhere.\n")
                .append("user ")
                .append(MONITOR_USER)
                .append('\n')
                .append("topic read gatepost/v1/#\n")
                .append("topic deny ")
                .append(gates)
                .append(MONITOR_USER)
                .append("/#\n")
                .append("\n")
                .append(
                        "# Every other user is a gate; %u is its user name, which is its gate id. Mosquitto warns at start\n")
                .append("# that the last pattern has no %u: expected, every gate may read the hub's tree.\n")
                .append("pattern write ")
                .append(gates)
                .append("%u/entries\n")
                .append("pattern write ")
                .append(gates)
                .append("%u/batch\n")
                .append("pattern write ")
                .append(gates)
                .append("%u/heartbeat\n")
                .append("pattern readwrite ")
                .append(gates)
                .append("%u/status\n")
                .append("pattern read ")
                .append(gates)
                .append("%u/ack\n")
                .append("pattern read ")
                .append(gates)
                .append("%u/commands\n")
                .append("pattern write ")
                .append(gates)
                .append("%u/purged\n")
                .append("pattern read ")
                .append(HUB_TREE)
                .append('\n')
                .toString();
    }
}
