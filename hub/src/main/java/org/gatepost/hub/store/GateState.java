package org.gatepost.hub.store;

import java.util.Set;

/**
 * What the store knows about a gate when a status arrives: the last applied status and the kinds of the
 * gate's alerts that are still open (not resolved).
 *
 * @param state {@code online}, {@code offline} or {@code unknown} (only entries seen so far); fields may be null
 */
public record GateState(String state, String reason, String boot, String epoch, Set<String> openAlertKinds) {
    public static final String UNKNOWN = "unknown";
}
