package org.gatepost.hub.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.gatepost.hub.alert.HealthRules;
import org.gatepost.hub.contract.HeartbeatJson;
import org.gatepost.hub.store.AlertKind;
import org.gatepost.hub.store.AlertView;
import org.gatepost.hub.store.ConditionAlert;
import org.gatepost.hub.store.Severity;
import org.gatepost.hub.testing.Contract;
import org.gatepost.hub.testing.HubStoreOnEachBackend;
import org.gatepost.hub.testing.Messages;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Heartbeat-driven alerts: raised once per transition, resolved when the condition clears. */
class HeartbeatHandlerTest extends HubStoreOnEachBackend {
    private static final String GATE = Contract.GATE;
    private static final Instant T0 = Instant.parse("2026-11-28T08:00:00Z");

    private final List<String> events = new ArrayList<>();
    private HeartbeatHandler handler;
    private int beats;

    @BeforeEach
    void open() throws Exception {
        handler = new HeartbeatHandler(new HealthRules(), new HubEvents() {
            @Override
            public void entryStored(String gate, String epoch, long seq) {
                events.add("entry " + gate);
            }

            @Override
            public void alertsChanged(String gate) {
                events.add("alerts " + gate);
            }

            @Override
            public void gateChanged(String gate) {
                events.add("gate " + gate);
            }
        });
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Ingests one heartbeat 30 s after the previous one, as the worker would, and runs its after-commit work. */
    private void beat(Consumer<ObjectNode> edit) throws Exception {
        var h = HeartbeatJson.parse(Messages.heartbeat(GATE, edit), GATE);
        Instant at = T0.plusSeconds(30L * beats++);
        Runnable after = store.transaction(tx -> handler.plan(tx, h).apply(tx, at));
        after.run();
    }

    private List<AlertView> alerts() throws Exception {
        return store.recentAlerts(Optional.of(GATE), 20);
    }

    @Test
    void aDisconnectedThermometerRaisesOneAlertUntilItIsConnectedAgain() throws Exception {
        beat(h -> Messages.deviceState(h, "thermometer", "disconnected"));
        beat(h -> Messages.deviceState(h, "thermometer", "erroring"));
        assertEquals(1, alerts().size());
        AlertView fault = alerts().get(0);
        assertEquals("device-fault", fault.kind());
        assertEquals("high", fault.severity());
        assertNull(fault.resolvedAt());

        beat(h -> {});

        assertEquals(1, alerts().size());
        assertEquals(T0.plusSeconds(60), alerts().get(0).resolvedAt());
        assertEquals(
                List.of(
                        "gate north-gate",
                        "alerts north-gate",
                        "gate north-gate",
                        "gate north-gate",
                        "alerts north-gate"),
                events);
    }

    @Test
    void aFaultThatReturnsRaisesANewAlert() throws Exception {
        beat(h -> Messages.deviceState(h, "idcard", "disconnected"));
        beat(h -> {});
        beat(h -> Messages.deviceState(h, "idcard", "disconnected"));

        List<AlertView> all = alerts();
        assertEquals(2, all.size());
        assertNull(all.get(0).resolvedAt());
        assertNotNull(all.get(1).resolvedAt());
        assertEquals("medium", all.get(0).severity());
    }

    @Test
    void eachFaultyDeviceHasItsOwnAlert() throws Exception {
        beat(h -> {
            Messages.deviceState(h, "idcard", "erroring");
            Messages.deviceState(h, "thermometer", "silent");
        });
        beat(h -> Messages.deviceState(h, "idcard", "erroring"));

        List<AlertView> all = alerts();
        assertEquals(2, all.size());
        long open = all.stream().filter(a -> a.resolvedAt() == null).count();
        assertEquals(1, open, "the thermometer recovered, the reader did not");
        assertEquals(
                List.of("device-fault", "device-fault"),
                all.stream().map(AlertView::kind).toList());
    }

    @Test
    void storageAndBacklogAlertsRaiseAndClear() throws Exception {
        beat(h -> {
            ((ObjectNode) h.get("store")).put("used_pct", 85.5);
            h.put("backlog", 4000);
        });
        beat(h -> h.put("backlog", 4000));
        beat(h -> {});

        List<AlertView> all = alerts();
        assertEquals(2, all.size());
        AlertView storage =
                all.stream().filter(a -> a.kind().equals("storage")).findFirst().orElseThrow();
        AlertView backlog =
                all.stream().filter(a -> a.kind().equals("backlog")).findFirst().orElseThrow();
        assertEquals(T0.plusSeconds(30), storage.resolvedAt());
        assertEquals(T0.plusSeconds(60), backlog.resolvedAt());
        assertEquals("medium", backlog.severity());
    }

    @Test
    void aHeartbeatEndsTheMissedHeartbeatAlert() throws Exception {
        store.transaction(tx -> tx.openCondition(
                GATE,
                HealthRules.HEARTBEAT_MISSED,
                new ConditionAlert(AlertKind.GATE_OFFLINE, Severity.HIGH, "silent"),
                T0.minusSeconds(10)));

        beat(h -> {});

        assertEquals(T0, alerts().get(0).resolvedAt());
    }

    @Test
    void keepsAMissingEntriesAlertOpenWhateverTheHeartbeatSays() throws Exception {
        store.transaction(tx -> tx.openCondition(
                GATE,
                HealthRules.missingEntries(Contract.EPOCH),
                new ConditionAlert(AlertKind.MISSING_ENTRIES, Severity.HIGH, "3..4"),
                T0.minusSeconds(10)));

        beat(h -> {});

        assertNull(alerts().get(0).resolvedAt());
    }

    @Test
    void aBrokenDeviceEntryIsADeviceFaultNamingTheFieldAndTheRestOfTheHeartbeatIsStored() throws Exception {
        beat(h -> ((ObjectNode) h.get("devices").get(0)).put("frames", -1));

        AlertView fault = alerts().get(0);
        assertEquals("device-fault", fault.kind());
        assertEquals("high", fault.severity());
        assertEquals(
                "thermometer thermometer at gate north-gate is invalid (invalid entry: devices[0].frames: "
                        + "must be an integer in 0..9007199254740991)",
                fault.message());
        String devices = store.transaction(tx -> tx.health(GATE)).orElseThrow().devicesJson();
        assertTrue(devices.contains("\"name\":\"idcard\",\"kind\":\"reader\""), devices);
        assertTrue(devices.contains("\"frames\":9821"), devices);
    }

    @Test
    void aDeviceMissingAtStartIsADeviceFaultWithItsConfiguredPort() throws Exception {
        var h = HeartbeatJson.parse(Contract.bytes("heartbeat-device-missing.json"), GATE);
        Runnable after = store.transaction(tx -> handler.plan(tx, h).apply(tx, T0));
        after.run();

        AlertView fault = alerts().get(0);
        assertEquals("device-fault", fault.kind());
        assertEquals("thermometer thermometer at gate north-gate is disconnected (open-failed)", fault.message());
        assertTrue(store.transaction(tx -> tx.health(GATE))
                .orElseThrow()
                .devicesJson()
                .contains("\"port\":\"/dev/ttyUSB0\""));
    }
}
