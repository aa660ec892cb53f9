package org.gatepost.agent.uplink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gatepost.agent.contract.Heartbeat;
import org.gatepost.agent.device.DeviceHealth;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.store.SqliteEntryStore;
import org.gatepost.agent.store.StoreHealth;
import org.gatepost.agent.testing.SampleDrafts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a heartbeat is made of: the store's counters and files, and the agent's telemetry. */
class HeartbeatMakerTest {
    @TempDir
    Path dir;

    @Test
    void reportsTheOutboxStorageHealthAndDevicesAsTheyAre() throws Exception {
        StoreHealth health = new StoreHealth();
        DeviceReport thermometer = new DeviceReport(
                DeviceReport.THERMOMETER,
                new DeviceHealth("thermometer", "/dev/ttyUSB0", DeviceHealth.State.SILENT, 10, 1, 0, "", null));
        GateTelemetry telemetry =
                new GateTelemetry(() -> List.of(thermometer), health, 1L << 20, () -> 4_242L, () -> false);
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC())) {
            HeartbeatMaker maker = new HeartbeatMaker("north-gate", "boot-1", Duration.ofSeconds(30), store, telemetry);
            store.appendAll(List.of(SampleDrafts.admit(0), SampleDrafts.admit(10), SampleDrafts.admit(20)));
            store.acknowledge(store.epoch(), 1);
            health.notRecorded("disk full");
            Instant now = SampleDrafts.admit(10).at().plusMillis(12_340);

            Heartbeat hb = maker.make(now);

            assertEquals(3, hb.lastSeq());
            assertEquals(1, hb.ackedUpTo());
            assertEquals(2, hb.backlog());
            assertEquals(12.3, hb.oldestUnsentAgeSeconds(), "the decision time of seq 2 by the gate's clock");
            assertEquals(1, hb.unrecorded());
            assertEquals("disk full", hb.storeError());
            assertEquals(store.sizeBytes(), hb.storeBytes());
            assertTrue(hb.storeBytes() > 0);
            assertEquals(1L << 20, hb.budgetBytes());
            assertEquals(4_242L, hb.monoMs());
            assertEquals(List.of(thermometer), hb.devices());
            assertEquals(store.epoch(), hb.epoch());

            health.recorded();
            store.acknowledge(store.epoch(), 3);
            Heartbeat later = maker.make(now);
            assertNull(later.storeError(), "the last write succeeded");
            assertNull(later.oldestUnsentAgeSeconds());
            assertEquals(1, later.unrecorded(), "a count since start");
        }
    }

    @Test
    void scheduleIsEveryIntervalAndWithinAMinimumGapWhenWantedSooner() throws Exception {
        GateTelemetry telemetry = new GateTelemetry(List::of, new StoreHealth(), 1L << 20, () -> 0L, () -> true);
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC())) {
            HeartbeatMaker maker = new HeartbeatMaker("north-gate", "boot-1", Duration.ofSeconds(30), store, telemetry);
            Instant t0 = Instant.parse("2026-11-28T08:00:00Z");
            assertEquals(0, maker.millisUntilDue(t0), "the first one at once");
            maker.make(t0);
            assertEquals(30_000, maker.millisUntilDue(t0));

            maker.wantSoon();
            assertEquals(1_000, maker.millisUntilDue(t0), "not two within a second");
            assertEquals(0, maker.millisUntilDue(t0.plusMillis(1_000)));
            maker.make(t0.plusMillis(1_000));
            assertEquals(30_000, maker.millisUntilDue(t0.plusMillis(1_000)), "back to the interval");
            assertEquals(
                    0,
                    maker.millisUntilDue(t0.minus(Duration.ofHours(3))),
                    "a wall clock stepped back (NTP after a cold start) does not silence the heartbeat");
        }
    }

    @Test
    void aFailingDeviceSupplierStillYieldsAHeartbeat() throws Exception {
        GateTelemetry telemetry = new GateTelemetry(
                () -> {
                    throw new IllegalStateException("driver gone");
                },
                new StoreHealth(),
                1L << 20,
                () -> 0L,
                () -> true);
        try (SqliteEntryStore store = SqliteEntryStore.open(dir.resolve("gate.db"), "north-gate", Clock.systemUTC())) {
            Heartbeat hb = new HeartbeatMaker("north-gate", "boot-1", Duration.ofSeconds(30), store, telemetry)
                    .make(Instant.parse("2026-11-28T08:00:00Z"));
            assertEquals(List.of(), hb.devices());
        }
    }
}
