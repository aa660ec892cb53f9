package org.gatepost.hub.store;

import java.time.Instant;

/**
 * What an operator did to an alert.
 *
 * @param action {@link #ACKNOWLEDGE} or {@link #RESOLVE}
 * @param note   the operator's note, as typed (possibly empty); display it as text only
 */
public record AlertAction(long alertId, String action, Instant at, String actor, String note) {
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String RESOLVE = "resolve";
}
