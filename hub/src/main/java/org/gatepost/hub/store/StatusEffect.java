package org.gatepost.hub.store;

import java.util.Optional;
import java.util.Set;

/**
 * What a {@link StatusPolicy} decided about an incoming status.
 *
 * @param apply        false: the status is stale and changes nothing
 * @param raise        an alert to raise with the status
 * @param resolveKinds kinds of the gate's open alerts to mark resolved
 */
public record StatusEffect(boolean apply, Optional<NewAlert> raise, Set<AlertKind> resolveKinds) {
    public static StatusEffect stale() {
        return new StatusEffect(false, Optional.empty(), Set.of());
    }
}
