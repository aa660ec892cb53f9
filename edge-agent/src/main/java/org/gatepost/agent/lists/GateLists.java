package org.gatepost.agent.lists;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.gatepost.agent.contract.ListNames;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.identity.HashScheme;
import org.gatepost.agent.pass.PassList;

/**
 * The lists a gate decides with: the last complete version of each list it received from the hub
 * ({@code docs/mqtt.md}, Lists). Immutable; a new version of any list makes a new {@code GateLists}, swapped in
 * whole, so a decision never sees half of an update.
 *
 * @param residents  by credential hash
 * @param quarantine home-quarantine items, expired ones included (see {@link #quarantined})
 * @param blocked    blocked household keys
 * @param badges     by credential hash
 * @param policy     empty until a policy version arrived
 * @param passes     the hub's pass keys and its revoked and used-up passes; {@link PassList#NONE} until received
 * @param versions   version of each list received, by list name ({@code residents}, {@code quarantine},
 *                   {@code blocked}, {@code badges}, {@code policy}); a list never received is absent
 */
public record GateLists(
        Map<String, Resident> residents,
        List<QuarantineItem> quarantine,
        Set<String> blocked,
        Map<String, Badge> badges,
        Optional<ListPolicy> policy,
        PassList passes,
        Map<String, Long> versions) {
    public static final String RESIDENTS = ListNames.RESIDENTS;
    public static final String QUARANTINE = ListNames.QUARANTINE;
    public static final String BLOCKED = ListNames.BLOCKED;
    public static final String BADGES = ListNames.BADGES;
    public static final String POLICY = ListNames.POLICY;
    public static final String PASSES = ListNames.PASSES;
    public static final List<String> NAMES = ListNames.ALL;

    /** A gate that never received a list: it decides on temperature alone and admits any credential. */
    public static final GateLists NONE =
            new GateLists(Map.of(), List.of(), Set.of(), Map.of(), Optional.empty(), PassList.NONE, Map.of());

    public GateLists {
        residents = Map.copyOf(residents);
        quarantine = List.copyOf(quarantine);
        blocked = Set.copyOf(blocked);
        badges = Map.copyOf(badges);
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(passes, "passes");
        versions = Map.copyOf(versions);
        for (String name : versions.keySet()) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown list: " + name);
            }
        }
    }

    /** Lists without a {@code passes} list. */
    public GateLists(
            Map<String, Resident> residents,
            List<QuarantineItem> quarantine,
            Set<String> blocked,
            Map<String, Badge> badges,
            Optional<ListPolicy> policy,
            Map<String, Long> versions) {
        this(residents, quarantine, blocked, badges, policy, PassList.NONE, versions);
    }

    /**
     * Whether the gate has identity lists to decide with: a residents version with at least one resident. An empty
     * residents list (a hub where nothing was imported yet publishes one) counts as none, so a new installation
     * decides on temperature alone instead of refusing everyone as unknown.
     */
    public boolean identifies() {
        return versions.containsKey(RESIDENTS) && !residents.isEmpty();
    }

    /**
     * The hash scheme the gate hashes credentials with: the scheme of the residents' hashes, else of the badges'
     * (the hub publishes one scheme in all lists, {@code docs/security.md}); v1 while neither list has an item, so
     * a gate that has not heard from an upgraded hub publishes what an older hub accepts.
     */
    public HashScheme hashScheme() {
        for (Map<String, ?> m : List.of(residents, badges)) {
            for (String hash : m.keySet()) {
                return HashScheme.of(hash);
            }
        }
        return HashScheme.V1;
    }

    public Optional<Resident> resident(String hash) {
        return Optional.ofNullable(residents.get(hash));
    }

    public Optional<Badge> badge(String hash) {
        return Optional.ofNullable(badges.get(hash));
    }

    /** Whether the person ({@code hash}) or their household is in home quarantine at {@code now}. */
    public boolean quarantined(String hash, String household, Instant now) {
        for (QuarantineItem q : quarantine) {
            if (!now.isBefore(q.until())) {
                continue;
            }
            if (q.hash() != null && q.hash().equals(hash)) {
                return true;
            }
            if (q.household() != null && q.household().equals(household)) {
                return true;
            }
        }
        return false;
    }

    public boolean blocked(String household) {
        return household != null && blocked.contains(household);
    }

    /** This snapshot with one list replaced at {@code version}; the caller passes the parsed items of that list. */
    public GateLists with(String list, long version, Object items) {
        Map<String, Long> v = new HashMap<>(versions);
        v.put(list, version);
        return switch (list) {
            case RESIDENTS -> new GateLists(cast(items), quarantine, blocked, badges, policy, passes, v);
            case QUARANTINE -> new GateLists(residents, cast(items), blocked, badges, policy, passes, v);
            case BLOCKED -> new GateLists(residents, quarantine, cast(items), badges, policy, passes, v);
            case BADGES -> new GateLists(residents, quarantine, blocked, cast(items), policy, passes, v);
            case POLICY -> new GateLists(residents, quarantine, blocked, badges, Optional.of(cast(items)), passes, v);
            case PASSES -> new GateLists(residents, quarantine, blocked, badges, policy, cast(items), v);
            default -> throw new IllegalArgumentException("unknown list: " + list);
        };
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) Objects.requireNonNull(o, "items");
    }

    /** A registered resident. {@code building}, {@code unit}, {@code grid} may be empty, never null. */
    public record Resident(
            String hash, String masked, String name, String building, String unit, String household, String grid) {
        public Resident {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(masked, "masked");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(household, "household");
        }
    }

    /** Home quarantine of a whole household or of one person: exactly one of {@code household} and {@code hash}. */
    public record QuarantineItem(String household, String hash, String masked, Instant until) {
        public QuarantineItem {
            if ((household == null) == (hash == null)) {
                throw new IllegalArgumentException("exactly one of household and hash");
            }
            Objects.requireNonNull(until, "until");
        }
    }

    /** A staff or volunteer badge. */
    public record Badge(String hash, String masked, String name, Role role) {
        public enum Role {
            STAFF,
            VOLUNTEER;

            public String wire() {
                return name().toLowerCase(Locale.ROOT);
            }
        }

        public Badge {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(masked, "masked");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(role, "role");
        }
    }
}
