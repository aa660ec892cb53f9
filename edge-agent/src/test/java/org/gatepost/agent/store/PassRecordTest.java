package org.gatepost.agent.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate's own record of one-use passes it admitted, kept with the entries (a replay is refused offline). */
class PassRecordTest {
    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");

    @TempDir
    Path dir;

    private SqliteEntryStore open() throws StoreException {
        return SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.fixed(T, ZoneOffset.UTC));
    }

    private static EntryDraft draft(String id, String uses, Decision d, boolean admitted) {
        RuleFields r = RuleFields.builder()
                .admitted(admitted)
                .direction("in")
                .reader("qr")
                .person(new RuleFields.Person("visitor", "3-2-501", false))
                .pass(new RuleFields.Pass(id, "3-2-501", uses, T.minusSeconds(60), T.plusSeconds(3600)))
                .build();
        return SampleDrafts.scanned(T, new Credential("pass", "f".repeat(64), "************" + id.substring(12)), d, r);
    }

    @Test
    void anAdmittedOneUsePassIsRecordedAndRemainsAfterARestart() throws Exception {
        try (SqliteEntryStore store = open()) {
            assertFalse(store.passUsed("3c5e8a1f9b2d4c70"));
            store.append(draft("3c5e8a1f9b2d4c70", "one", Decision.ADMIT_VISITOR, true));
            assertTrue(store.passUsed("3c5e8a1f9b2d4c70"));
        }
        try (SqliteEntryStore store = open()) {
            assertTrue(store.passUsed("3c5e8a1f9b2d4c70"));
        }
    }

    @Test
    void aManyUsePassARefusalAndAFeverDenialRecordNothing() throws Exception {
        try (SqliteEntryStore store = open()) {
            store.append(draft("1111111111111111", "many", Decision.ADMIT_VISITOR, true));
            store.append(draft("2222222222222222", "one", Decision.DENY_PASS_EXPIRED, false));
            store.append(draft("3333333333333333", "one", Decision.DENY_FEVER, false));

            assertFalse(store.passUsed("1111111111111111"));
            assertFalse(store.passUsed("2222222222222222"));
            assertFalse(store.passUsed("3333333333333333"));
        }
    }
}
