package org.gatepost.hub.store;

/**
 * Result of storing one gate status.
 *
 * @param applied        false when the policy found the status stale
 * @param alertRaised    an alert was created (not just deduplicated)
 * @param alertsResolved open alerts marked resolved
 */
public record StatusCommit(boolean applied, boolean alertRaised, int alertsResolved) {}
