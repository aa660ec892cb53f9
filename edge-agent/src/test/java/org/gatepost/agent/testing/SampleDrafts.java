package org.gatepost.agent.testing;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.entry.Temperature;

/** Ready-made entry drafts for store and uplink tests; the values follow {@code docs/contract/entry-admit.json}. */
public final class SampleDrafts {
    public static final String BOOT = "5b0e2a6c-1d7f-4c55-9f0a-2c1b8e6d4a93";
    public static final double THRESHOLD_C = 37.3;
    private static final Credential CARD = new Credential(
            Credential.KIND_ID_CARD,
            "d4f6ffbecf879b0010f83c30673fc92ad3406ab1b6d370fa2cd381c8ab868723",
            "110105********002X");

    private SampleDrafts() {}

    /** An admitted person; {@code n} varies the time and monotonic clock so drafts differ. */
    public static EntryDraft admit(int n) {
        return draft(
                "2026-11-28T08:15:02.417Z", 5_123_456L, n, new Temperature(36.62, 35.72, 21.4, 0.9, 3), Decision.ADMIT);
    }

    /** The admitted drafts {@code admit(from)} up to {@code admit(to - 1)}, for appending in one batch. */
    public static List<EntryDraft> admits(int from, int to) {
        return IntStream.range(from, to).mapToObj(SampleDrafts::admit).toList();
    }

    /** A person with a fever. */
    public static EntryDraft fever(int n) {
        return draft(
                "2026-11-28T08:15:09.102Z",
                5_130_141L,
                n,
                new Temperature(38.05, 37.15, 21.5, 0.9, 3),
                Decision.DENY_FEVER);
    }

    /** The {@code n}th draft after one at {@code at} and {@code monotonicMs}: n seconds and n·1000 ms later. */
    private static EntryDraft draft(String at, long monotonicMs, int n, Temperature temperature, Decision decision) {
        return new EntryDraft(
                Instant.parse(at).plusSeconds(n),
                BOOT,
                monotonicMs + n * 1_000L,
                true,
                CARD,
                temperature,
                decision,
                THRESHOLD_C,
                RuleFields.plain(decision),
                null);
    }

    /** A scan of {@code credential} at {@code at} with a normal reading, decided {@code d} with the rule fields. */
    public static EntryDraft scanned(Instant at, Credential credential, Decision d, RuleFields rules) {
        return new EntryDraft(
                at, BOOT, 1, true, credential, new Temperature(36.6, 35.7, 21.0, 0.9, 3), d, THRESHOLD_C, rules, null);
    }
}
