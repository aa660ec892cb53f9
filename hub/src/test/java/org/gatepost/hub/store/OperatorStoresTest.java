package org.gatepost.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.gatepost.hub.alert.AlertRules;
import org.gatepost.hub.contract.ContractJson;
import org.gatepost.hub.contract.EntryMessage;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.OnEachBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator stores on a real SQLite file: paging, alert actions in one transaction with the audit record. */
class OperatorStoresTest extends OnEachBackend {
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private Storage storage;
    private HubStore hub;

    @BeforeEach
    void open() throws Exception {
        storage = databases.open(backend);
        hub = storage.hub();
        AlertRules rules = new AlertRules();
        for (int seq = 1; seq <= 7; seq++) {
            ObjectNode n = Contract.json("entry-deny-fever.json");
            n.put("seq", seq).put("id", Contract.GATE + "-" + Contract.EPOCH + "-" + seq);
            EntryMessage e = ContractJson.parseEntry(n.toString().getBytes(StandardCharsets.UTF_8), Contract.GATE);
            // Two entries per instant, so paging must break ties on the key, not on time alone.
            hub.commitEntry(e, T0.plusSeconds(seq / 2), rules.forEntry(e));
        }
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void findsAMaskedNumberIgnoringCase() throws Exception {
        EntryMessage admit = Contract.entry("entry-admit.json");
        hub.commitEntry(admit, T0, List.of());
        EntrySearch search = storage.entrySearch();

        for (String part : List.of("002X", "002x", "110105")) {
            EntryQuery q = new EntryQuery(
                    Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(part));
            assertEquals(
                    List.of("110105********002X"),
                    search.entries(q, 10).stream()
                            .map(EntryView::credentialMasked)
                            .toList(),
                    part);
        }
    }

    @Test
    void walksAllEntriesOldestFirstInPagesWithoutRepeatsOrGaps() throws Exception {
        EntrySearch search = storage.entrySearch();
        List<Long> seen = new ArrayList<>();
        Optional<EntryKey> after = Optional.empty();
        while (true) {
            List<EntryView> page = search.entriesAfter(EntryQuery.ALL, after, 2);
            page.forEach(e -> seen.add(e.seq()));
            if (page.size() < 2) {
                break;
            }
            after = Optional.of(EntryKey.of(page.get(page.size() - 1)));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
    }

    @Test
    void walksAllAlertsInPagesById() throws Exception {
        AlertActions alerts = storage.alertActions();
        List<Long> seen = new ArrayList<>();
        long after = 0;
        List<AlertView> page;
        do {
            page = alerts.alertsAfter(AlertQuery.ALL, after, 3);
            page.forEach(a -> seen.add(a.id()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).id();
        } while (page.size() == 3);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L), seen);
    }

    @Test
    void writesAnAcknowledgementItsNoteAndItsAuditRecordTogether() throws Exception {
        AlertActions alerts = storage.alertActions();
        AccountStore accounts = storage.accounts();
        Instant at = T0.plusSeconds(60);

        ActionOutcome done = alerts.acknowledge(
                3, "wang", "called", at, AuditRecord.of(at, "wang", "alert-acknowledge", "alert 3", null, "10.0.0.2"));

        assertEquals(ActionOutcome.DONE, done);
        AlertView a = alerts.alert(3).orElseThrow();
        assertEquals("wang", a.acknowledgedBy());
        assertEquals(at, a.acknowledgedAt());
        assertEquals(
                List.of(new AlertAction(3, AlertAction.ACKNOWLEDGE, at, "wang", "called")),
                alerts.actions(List.of(3L, 4L)));
        assertEquals(
                "alert 3",
                accounts.auditLog(Optional.of("wang"), Optional.empty(), 10)
                        .get(0)
                        .target());
        assertEquals(6, hub.counts().openAlerts(), "the hub's own count sees it");
    }

    @Test
    void leavesNothingBehindWhenTheAuditRecordCannotBeWritten() throws Exception {
        AlertActions alerts = storage.alertActions();
        AuditRecord broken = AuditRecord.of(T0, null, "alert-acknowledge", "alert 3", null, null); // actor NOT NULL

        assertThrows(StoreException.class, () -> alerts.acknowledge(3, "wang", "called", T0, broken));

        assertEquals(null, alerts.alert(3).orElseThrow().acknowledgedAt());
        assertTrue(alerts.actions(List.of(3L)).isEmpty());
    }

    @Test
    void refusesADuplicateAccountName() throws Exception {
        AccountStore accounts = storage.accounts();
        Account a = new Account("li", "observer", "$2a$10$x", T0, T0);
        accounts.create(a, AuditRecord.of(T0, "admin", "account-create", "li", null, null));

        assertThrows(
                DuplicateAccountException.class,
                () -> accounts.create(a, AuditRecord.of(T0, "admin", "account-create", "li", null, null)));
        assertEquals(1, accounts.accountCount());
        assertEquals(
                1,
                accounts.auditLog(Optional.empty(), Optional.of("account-create"), 10)
                        .size(),
                "the refused creation left no audit record");
    }
}
