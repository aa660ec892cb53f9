package org.gatepost.agent.contract;

import java.util.List;

/**
 * The names of the hub's lists ({@code docs/mqtt.md}, Lists): each is a part topic's {@code {list}}, a manifest
 * key, and a key of the {@code lists} object of entries and heartbeats, which write them in the order of {@link #ALL}.
 */
public final class ListNames {
    public static final String RESIDENTS = "residents";
    public static final String QUARANTINE = "quarantine";
    public static final String BLOCKED = "blocked";
    public static final String BADGES = "badges";
    public static final String POLICY = "policy";
    public static final String PASSES = "passes";
    /** Every list, in the contract's order. */
    public static final List<String> ALL = List.of(RESIDENTS, QUARANTINE, BLOCKED, BADGES, POLICY, PASSES);

    private ListNames() {}
}
