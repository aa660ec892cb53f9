package org.gatepost.agent.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.gatepost.agent.config.GateRulesConfig;
import org.gatepost.agent.contract.HubRetests;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.lists.GateLists;
import org.gatepost.agent.lists.ListsSource;
import org.gatepost.agent.store.GateLedger;
import org.gatepost.agent.store.StoreException;

/**
 * What the checkpoint needs for its rules besides the measuring policy.
 *
 * @param lists           the lists in force (the hub's, kept by the list sync)
 * @param config          zone, mask check, override button reason, ID card lane
 * @param lanes           the lane of each reader by name: {@code in}, {@code out} or {@code both}
 * @param directionSwitch the direction switch's {@code in}/{@code out}; null when there is none
 * @param ledger          exit counts, duty roster, pending retests and last scans, persisted with the entries
 * @param hubRetests      pending retests started at the community's other gates (the hub's list)
 */
public record GateSetup(
        ListsSource lists,
        GateRulesConfig config,
        Map<String, String> lanes,
        Supplier<String> directionSwitch,
        GateLedger ledger,
        HubRetests hubRetests) {
    /** The reader name of the ID card reader configured with {@code idcard.*}. */
    public static final String IDCARD = "idcard";

    public GateSetup {
        Objects.requireNonNull(lists, "lists");
        Objects.requireNonNull(config, "config");
        lanes = Map.copyOf(lanes);
        Objects.requireNonNull(ledger, "ledger");
        Objects.requireNonNull(hubRetests, "hubRetests");
    }

    /** A gate that does not hear of other gates' retests. */
    public GateSetup(
            ListsSource lists,
            GateRulesConfig config,
            Map<String, String> lanes,
            Supplier<String> directionSwitch,
            GateLedger ledger) {
        this(lists, config, lanes, directionSwitch, ledger, HubRetests.NONE);
    }

    /** A gate without lists, lanes or switch, in the system zone, with nothing persisted beyond the outbox. */
    public static GateSetup withoutLists() {
        return new GateSetup(() -> GateLists.NONE, GateRulesConfig.defaults(), Map.of(), null, NO_LEDGER);
    }

    /** The direction of a credential read at {@code reader}: its lane, else the switch, else null. */
    String direction(String reader) {
        String lane = reader == null ? null : lanes.get(reader);
        if (RuleFields.IN.equals(lane) || RuleFields.OUT.equals(lane)) {
            return lane;
        }
        return directionSwitch == null ? null : directionSwitch.get();
    }

    private static final GateLedger NO_LEDGER = new GateLedger() {
        @Override
        public int exits(ListPolicy.ExitQuota.Per per, String key, Instant from, Instant to) {
            return 0;
        }

        @Override
        public List<OnDuty> duty() throws StoreException {
            return List.of();
        }
    };
}
