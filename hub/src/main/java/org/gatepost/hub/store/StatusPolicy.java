package org.gatepost.hub.store;

import java.util.Optional;
import org.gatepost.hub.contract.StatusMessage;

/**
 * Decides what a gate status does. Called by the store inside the status's transaction, so the decision and
 * its effects are atomic. Must be fast, pure and must not call the store.
 */
@FunctionalInterface
public interface StatusPolicy {
    /** @param current empty for a gate the store has never seen */
    StatusEffect decide(Optional<GateState> current, StatusMessage incoming);
}
