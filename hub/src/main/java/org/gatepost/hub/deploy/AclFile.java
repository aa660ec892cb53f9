package org.gatepost.hub.deploy;

import org.gatepost.hub.contract.Topics;

/**
 * The text of Mosquitto's {@code acl_file} for the v1 topics ({@code docs/mqtt.md}). Pure and thread safe.
 *
 * <p>The hub's user reads what every gate publishes and writes acks and commands to any gate; its bulk session's
 * user ({@link #bulkUser}) reads the gates' batches. Every other user
 * is a gate, and {@code pattern} lines with {@code %u} (the user name, which is the gate id) keep it to its own
 * topics. {@code %u} rather than {@code %c}: the client id is whatever the client claims (Mosquitto 2.0 also
 * replaces it with the user name here, through {@code use_username_as_clientid}).
 *
 * <p>Pattern lines apply to every user, so each user that is not a gate (the hub's, its bulk session's and the
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

    private AclFile() {
    }

    /** The user (and client id) of the hub's second session, which takes only the gates' batches. */
    public static String bulkUser(String hubUser) {
        return hubUser + Topics.BULK_SUFFIX;
    }

    public static String render(String hubUser) {
        String gates = Topics.ROOT;
        return "# Mosquitto ACL for Gatepost (topics: docs/mqtt.md), written by `gatepost-hub mosquitto-setup`.\n"
                + "# Mosquitto only: Moquette treats a trailing '#' as a comment, so its '/#' lines would grant nothing.\n"
                + "\n"
                + "# The hub reads every gate's messages and answers each gate.\n"
                + "user " + hubUser + "\n"
                + "topic read " + gates + "+/entries\n"
                + "topic read " + gates + "+/batch\n"
                + "topic read " + gates + "+/status\n"
                + "topic read " + gates + "+/heartbeat\n"
                + "topic write " + gates + "+/ack\n"
                + "topic write " + gates + "+/commands\n"
                + "topic write " + HUB_TREE + "\n"
                + "topic deny " + gates + hubUser + "/#\n"
                + "\n"
                + "# The hub's bulk session (the gates' backlogs), same password; docs/mqtt.md.\n"
                + "user " + bulkUser(hubUser) + "\n"
                + "topic read " + gates + "+/batch\n"
                + "topic deny " + gates + bulkUser(hubUser) + "/#\n"
                + "\n"
                + "# A read-only user for watching traffic (docs/deployment.md). The deny line comes first in Mosquitto's\n"
                + "# checks, so the gate patterns below do not make it a gate named '" + MONITOR_USER + "': it writes nowhere.\n"
                + "user " + MONITOR_USER + "\n"
                + "topic read gatepost/v1/#\n"
                + "topic deny " + gates + MONITOR_USER + "/#\n"
                + "\n"
                + "# Every other user is a gate; %u is its user name, which is its gate id. Mosquitto warns at start\n"
                + "# that the last pattern has no %u: expected, every gate may read the hub's tree.\n"
                + "pattern write " + gates + "%u/entries\n"
                + "pattern write " + gates + "%u/batch\n"
                + "pattern write " + gates + "%u/heartbeat\n"
                + "pattern readwrite " + gates + "%u/status\n"
                + "pattern read " + gates + "%u/ack\n"
                + "pattern read " + gates + "%u/commands\n"
                + "pattern read " + HUB_TREE + "\n";
    }
}
