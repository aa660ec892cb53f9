package org.gatepost.agent.testing;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.Supplier;
import org.gatepost.agent.checkpoint.Checkpoint;
import org.gatepost.agent.checkpoint.EntryClock;
import org.gatepost.agent.checkpoint.GateSetup;
import org.gatepost.agent.config.GateRulesConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.lists.ListsSource;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.GateLedger;

/** Checkpoints as the tests make them: the standard policy, entries stamped by the test's clock. */
public final class TestCheckpoints {
    /** A gate in Asia/Shanghai without a mask check, its override button meaning "other", the ID card for both ways. */
    public static final GateRulesConfig SHANGHAI_RULES =
            new GateRulesConfig(ZoneId.of("Asia/Shanghai"), false, "other", "both", GpioConfig.NONE);

    private TestCheckpoints() {}

    /** {@link #SHANGHAI_RULES} with {@code lists}, the ID card reader in both lanes, and {@code directionSwitch}. */
    public static GateSetup shanghaiSetup(ListsSource lists, Supplier<String> directionSwitch, GateLedger ledger) {
        return new GateSetup(lists, SHANGHAI_RULES, Map.of("idcard", "both"), directionSwitch, ledger);
    }

    /** Entries at {@code clock}'s time, {@code mono_ms} 1, boot {@code boot}, the clock synchronised. */
    public static EntryClock stampedBy(Clock clock) {
        return new EntryClock(clock, () -> 1L, "boot", () -> true);
    }

    /** A checkpoint under {@link GatePolicies#STANDARD} committing to {@code store}; the builder adds the rest. */
    public static Checkpoint.Builder standard(EntryStore store, GateSignals signals, Clock clock) {
        return Checkpoint.builder(GatePolicies.STANDARD, store, signals, stampedBy(clock));
    }
}
