package org.gatepost.agent.uplink;

import java.time.Instant;

/**
 * A snapshot of the uplink, for health reporting. Immutable.
 *
 * @param connected       connected to the broker and subscribed to the gate's ack topic
 * @param ackedUpTo       highest seq the hub has acknowledged (from the store)
 * @param lastAckAt       when the hub's ack last advanced during this run; null if it has not yet
 * @param backlog         committed entries the hub has not acknowledged yet
 * @param inFlight        entries published and not yet acknowledged by the broker
 * @param published       entry publishes the broker acknowledged (PUBACK) during this run, republishes included
 * @param connectFailures connect attempts that failed during this run
 * @param acksBeyondLastSeq acks ignored during this run because they claimed entries above the last committed
 *                          seq (forged, or the database was restored from an older copy)
 */
public record UplinkState(
        boolean connected,
        long ackedUpTo,
        Instant lastAckAt,
        long backlog,
        int inFlight,
        long published,
        long connectFailures,
        long acksBeyondLastSeq) {}
