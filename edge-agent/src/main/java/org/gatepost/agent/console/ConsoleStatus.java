package org.gatepost.agent.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.gatepost.agent.device.DeviceReport;
import org.gatepost.agent.lists.ListSync;
import org.gatepost.agent.lists.ListsSource;
import org.gatepost.agent.uplink.UplinkState;

/**
 * What the console shows about the gate besides its scans: device health, the hub connection and backlog, and the
 * list versions the gate decides with. Implementations are thread safe and never block (each call reads a
 * snapshot); the console calls them on its HTTP threads for every state request.
 */
public interface ConsoleStatus {

    /** The gate's id. */
    String gateId();

    /** Every configured device with its kind and health, thermometer first. */
    List<DeviceReport> devices();

    /** The uplink's snapshot: connected to the broker, backlog, last acknowledgement. */
    UplinkState uplink();

    /** Version of each list received from the hub, by list name; empty while the gate has none. */
    Map<String, Long> listVersions();

    /** When the hub's pending-retests list last brought news, and its republish interval; null if not yet. */
    default ListSync.HubHeard hubHeard() {
        return null;
    }

    /** Whether the hub itself (not only the broker) answers, at {@code now} ({@link HubPresence}). */
    default HubPresence hub(Instant now) {
        ListSync.HubHeard h = hubHeard();
        return HubPresence.of(uplink(), h == null ? null : h.at(), h == null ? null : h.every(), now);
    }

    /** A status reading each part from its own never-blocking source. */
    static ConsoleStatus of(
            String gateId, Supplier<List<DeviceReport>> devices, Supplier<UplinkState> uplink, ListsSource lists) {
        return of(gateId, devices, uplink, lists, () -> null);
    }

    /** As above, with the hub's pending-retests news ({@link ListSync#hubHeard}). */
    static ConsoleStatus of(
            String gateId,
            Supplier<List<DeviceReport>> devices,
            Supplier<UplinkState> uplink,
            ListsSource lists,
            Supplier<ListSync.HubHeard> hubHeard) {
        Objects.requireNonNull(hubHeard, "hubHeard");
        Objects.requireNonNull(gateId, "gateId");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(uplink, "uplink");
        Objects.requireNonNull(lists, "lists");
        return new ConsoleStatus() {
            @Override
            public String gateId() {
                return gateId;
            }

            @Override
            public List<DeviceReport> devices() {
                return devices.get();
            }

            @Override
            public UplinkState uplink() {
                return uplink.get();
            }

            @Override
            public Map<String, Long> listVersions() {
                return lists.current().versions();
            }

            @Override
            public ListSync.HubHeard hubHeard() {
                return hubHeard.get();
            }
        };
    }
}
