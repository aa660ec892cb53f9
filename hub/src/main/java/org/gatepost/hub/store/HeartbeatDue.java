package org.gatepost.hub.store;

import java.time.Instant;

/**
 * A gate believed online (its last status is {@code online}) that has sent heartbeats.
 *
 * @param lastStatusAt    when the hub received its last status
 * @param lastHeartbeatAt when the hub received its last heartbeat
 * @param intervalS       the heartbeat interval the gate announced
 */
public record HeartbeatDue(String gate, Instant lastStatusAt, Instant lastHeartbeatAt, double intervalS) {}
