package org.gatepost.agent.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.gatepost.agent.contract.ListPolicy;
import org.gatepost.agent.entry.Credential;
import org.gatepost.agent.entry.Decision;
import org.gatepost.agent.entry.EntryDraft;
import org.gatepost.agent.entry.RuleFields;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit counts and the duty roster kept with the entries in the gate's SQLite file. */
class GateLedgerTest {
    private static final Instant T = Instant.parse("2026-11-28T08:00:00Z");
    private static final String ANNA = "a".repeat(64);
    private static final String VOLUNTEER = "d".repeat(64);
    private static final RuleFields.Quota QUOTA = new RuleFields.Quota("household", "day", 2, 1);

    @TempDir
    Path dir;

    private SqliteEntryStore open() throws StoreException {
        return SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.fixed(T, ZoneOffset.UTC));
    }

    private static EntryDraft draft(
            Instant at, String hash, Decision d, boolean admitted, String direction, RuleFields.Quota quota) {
        RuleFields r = RuleFields.builder()
                .admitted(admitted)
                .direction(direction)
                .reader("idcard")
                .person(new RuleFields.Person("resident", "3-2-501", false))
                .quota(quota)
                .build();
        return SampleDrafts.scanned(at, new Credential("id-card", hash, "110105********002X"), d, r);
    }

    @Test
    void onlyAdmittedExitsUnderAQuotaAreCounted() throws Exception {
        try (SqliteEntryStore store = open()) {
            store.append(draft(T, ANNA, Decision.ADMIT, true, "out", QUOTA));
            store.append(draft(T.plusSeconds(1), ANNA, Decision.ADMIT, true, null, QUOTA));
            store.append(draft(T.plusSeconds(2), ANNA, Decision.DENY_QUOTA, false, "out", QUOTA));
            store.append(draft(T.plusSeconds(3), ANNA, Decision.ADMIT, true, "in", QUOTA));
            store.append(draft(T.plusSeconds(4), ANNA, Decision.ADMIT, true, "out", null));
            store.append(draft(T.plusSeconds(5), ANNA, Decision.OVERRIDE, true, "out", QUOTA));

            assertEquals(3, store.exits(ListPolicy.ExitQuota.Per.HOUSEHOLD, "3-2-501", T, T.plusSeconds(60)));
            assertEquals(3, store.exits(ListPolicy.ExitQuota.Per.PERSON, ANNA, T, T.plusSeconds(60)));
            assertEquals(
                    2,
                    store.exits(ListPolicy.ExitQuota.Per.PERSON, ANNA, T.plusMillis(1), T.plusSeconds(60)),
                    "from is inclusive");
            assertEquals(1, store.exits(ListPolicy.ExitQuota.Per.PERSON, ANNA, T, T.plusSeconds(1)), "to is exclusive");
            assertEquals(0, store.exits(ListPolicy.ExitQuota.Per.HOUSEHOLD, "3-2-502", T, T.plusSeconds(60)));
        }
    }

    @Test
    void theDutyRosterFollowsSignInAndSignOutAcrossReopening() throws Exception {
        try (SqliteEntryStore store = open()) {
            store.append(draft(T, VOLUNTEER, Decision.SIGN_IN, false, null, null));
            store.append(draft(T.plusSeconds(5), ANNA, Decision.SIGN_IN, false, null, null));
            store.append(draft(T.plusSeconds(9), VOLUNTEER, Decision.SIGN_IN, false, null, null));
        }
        try (SqliteEntryStore store = open()) {
            assertEquals(
                    List.of(
                            new GateLedger.OnDuty(VOLUNTEER, "110105********002X", T),
                            new GateLedger.OnDuty(ANNA, "110105********002X", T.plusSeconds(5))),
                    store.duty(),
                    "earliest first; signing in twice keeps the first time");
            store.append(draft(T.plusSeconds(10), VOLUNTEER, Decision.SIGN_OUT, false, null, null));
            assertEquals(
                    List.of(ANNA),
                    store.duty().stream().map(GateLedger.OnDuty::hash).toList());
        }
    }

    @Test
    void aStoreFileFromBeforeTheRulesGetsTheLedgerTables() throws Exception {
        try (SqliteEntryStore store = open()) {
            store.append(draft(T, ANNA, Decision.ADMIT, true, "out", QUOTA));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("gate.db"));
                Statement st = c.createStatement()) {
            st.execute("DROP TABLE exits");
            st.execute("DROP TABLE duty");
        }
        try (SqliteEntryStore store = open()) {
            assertEquals(0, store.exits(ListPolicy.ExitQuota.Per.PERSON, ANNA, T, T.plusSeconds(60)));
            assertTrue(store.duty().isEmpty());
            assertEquals(1, store.lastSeq(), "the outbox is untouched");
        }
    }
}
