package org.gatepost.agent.pass;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code passes} list as a gate holds it ({@code docs/mqtt.md}, Items, {@code passes}): the hub's public keys
 * by key id, and the ids of revoked passes and of one-use passes already used. Immutable.
 */
public record PassList(Map<String, PublicKey> keys, Set<String> revoked, Set<String> used) {
    /** A gate that never received the list: it cannot verify any pass (every pass is refused as forged). */
    public static final PassList NONE = new PassList(Map.of(), Set.of(), Set.of());

    public PassList {
        keys = Map.copyOf(keys);
        revoked = Set.copyOf(revoked);
        used = Set.copyOf(used);
    }

    public Optional<PublicKey> key(String id) {
        return Optional.ofNullable(keys.get(id));
    }
}
