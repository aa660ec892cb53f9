package org.gatepost.hub.alert;

import java.util.Optional;

/**
 * Names volunteers and staff by their badge hash, from the hub's current badges list. Implementations must be
 * safe for concurrent use; a lookup may block briefly on the database.
 */
@FunctionalInterface
public interface BadgeNames {
    /** The badge's name, or empty when the hash is on no badge of the current list. */
    Optional<String> name(String badgeHash);
}
