package org.gatepost.hub.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.gatepost.hub.contract.StatusMessage;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.GateState;
import org.gatepost.hub.store.NewAlert;
import org.gatepost.hub.store.StatusEffect;
import org.gatepost.hub.testing.Contract;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private final AlertRules rules = new AlertRules();
    private final StatusMessage lost = Contract.status("status-offline-lost.json");
    private final StatusMessage shutdown = Contract.status("status-offline-shutdown.json");
    private final StatusMessage online = Contract.status("status-online.json");

    private static GateState gate(String state, String boot, Set<String> open) {
        return new GateState(state, null, boot, Contract.EPOCH, open);
    }

    @Test
    void raisesAHighFeverAlertKeyedOnTheEntryForAFeverDenial() {
        List<NewAlert> alerts = rules.forEntry(Contract.entry("entry-deny-fever.json"));

        assertEquals(1, alerts.size());
        NewAlert a = alerts.get(0);
        assertEquals("fever", a.kind().wire());
        assertEquals("high", a.severity().wire());
        assertEquals("north-gate-3f9a1c2e7b5d4e60-42", a.entryId());
        assertEquals("fever:north-gate-3f9a1c2e7b5d4e60-42", a.dedupeKey());
        assertEquals("fever: 38.05 °C ≥ 37.30 °C at gate north-gate (credential 440524********0014)", a.message());
    }

    @Test
    void raisesNothingForAdmitAndNoReading() {
        assertTrue(rules.forEntry(Contract.entry("entry-admit.json")).isEmpty());
        assertTrue(rules.forEntry(Contract.entry("entry-no-reading.json")).isEmpty());
    }

    @Test
    void raisesAHighOfflineAlertForALostGate() {
        StatusEffect e = rules.decide(Optional.of(gate("online", lost.boot(), Set.of())), lost);

        assertTrue(e.apply());
        assertEquals("gate-offline", e.raise().orElseThrow().kind().wire());
        assertEquals("high", e.raise().orElseThrow().severity().wire());
    }

    @Test
    void raisesALowOfflineAlertForACleanShutdown() {
        StatusEffect e = rules.decide(Optional.empty(), shutdown);

        assertEquals("low", e.raise().orElseThrow().severity().wire());
    }

    @Test
    void raisesNoSecondOfflineAlertWhileOneIsOpen() {
        StatusEffect e = rules.decide(Optional.of(gate("offline", lost.boot(), Set.of("gate-offline"))), shutdown);

        assertTrue(e.apply());
        assertFalse(e.raise().isPresent());
    }

    @Test
    void ignoresAnOfflineStatusFromAnotherBootWhileTheGateIsOnline() {
        StatusEffect e = rules.decide(Optional.of(gate("online", "newer-boot", Set.of())), lost);

        assertFalse(e.apply());
    }

    @Test
    void resolvesOfflineAlertsWhenTheGateComesOnline() {
        StatusEffect e = rules.decide(Optional.of(gate("offline", lost.boot(), Set.of("gate-offline"))), online);

        assertTrue(e.apply());
        assertEquals(Set.of(AlertKind.GATE_OFFLINE), e.resolveKinds());
    }
}
