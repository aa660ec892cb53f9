package org.gatepost.agent.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gatepost.agent.checkpoint.Checkpoint;
import org.gatepost.agent.checkpoint.EntryClock;
import org.gatepost.agent.checkpoint.GateSetup;
import org.gatepost.agent.config.GateRulesConfig;
import org.gatepost.agent.config.GpioConfig;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.gpio.GateSignals;
import org.gatepost.agent.lists.ListsSource;
import org.gatepost.agent.store.EntryStore;
import org.gatepost.agent.store.GateLedger;
import org.gatepost.agent.store.StoreException;
import org.gatepost.agent.store.StoredEntry;

/** Checkpoints as the tests make them: the standard policy, entries stamped by the test's clock. */
public final class TestCheckpoints {
    /** A gate in Asia/Shanghai without a mask check, its override button meaning "other", the ID card for both ways. */
    public static final GateRulesConfig SHANGHAI_RULES =
            new GateRulesConfig(ZoneId.of("Asia/Shanghai"), false, "other", "both", GpioConfig.NONE);

    /** {@link #SHANGHAI_RULES} with the mask check on. */
    public static final GateRulesConfig SHANGHAI_RULES_CHECKING_MASKS =
            new GateRulesConfig(ZoneId.of("Asia/Shanghai"), true, "other", "both", GpioConfig.NONE);

    private static final ObjectMapper MAPPER = new ObjectMapper();

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

    /** The ID card of {@code hash}, as the ID card reader hands it over. */
    public static Credential idCard(String hash) {
        return new Credential(Credential.KIND_ID_CARD, hash, "110105********002X");
    }

    /** The ID card of {@code hash} on the "idcard" reader, then three samples of {@code objectC} at 21 °C ambient. */
    public static void measure(Checkpoint checkpoint, String hash, double objectC) {
        checkpoint.presentCredential(idCard(hash), "idcard");
        for (int i = 0; i < 3; i++) {
            checkpoint.temperature(objectC, 21.0);
        }
    }

    /** The stored entry {@code seq} as the hub receives it; fails unless it is stored. */
    public static JsonNode storedEntry(EntryStore store, long seq) throws StoreException, IOException {
        List<StoredEntry> rows = store.range(seq, seq, 1);
        assertEquals(1, rows.size(), "entry " + seq + " stored");
        return MAPPER.readTree(rows.get(0).payload());
    }
}
