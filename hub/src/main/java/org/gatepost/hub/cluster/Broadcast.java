package org.gatepost.hub.cluster;

import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.ProgressListener;

/**
 * What this instance committed, told to its own listeners at once and to the other instances through the bus.
 * Give it to ingest and housekeeping in place of the local listeners. Never blocks, never throws (as its parts).
 */
public final class Broadcast implements HubEvents, ProgressListener {
    private final HubEvents local;
    private final ProgressListener localProgress;
    private final ClusterBus bus;

    public Broadcast(HubEvents local, ProgressListener localProgress, ClusterBus bus) {
        this.local = local;
        this.localProgress = localProgress;
        this.bus = bus;
    }

    /** Only the bus: for changes whose local listeners are told elsewhere (an operator's action on this instance). */
    public static HubEvents othersOnly(ClusterBus bus) {
        return new Broadcast(HubEvents.NONE, (g, e, u) -> {}, bus);
    }

    @Override
    public void entryStored(String gate, String epoch, long seq) {
        local.entryStored(gate, epoch, seq);
        bus.publish(new ClusterEvent.EntryStored(gate, epoch, seq));
    }

    @Override
    public void alertsChanged(String gate) {
        local.alertsChanged(gate);
        bus.publish(new ClusterEvent.AlertsChanged(gate));
    }

    @Override
    public void gateChanged(String gate) {
        local.gateChanged(gate);
        bus.publish(new ClusterEvent.GateChanged(gate));
    }

    @Override
    public void committed(String gate, String epoch, long upTo) {
        localProgress.committed(gate, epoch, upTo);
        bus.publish(new ClusterEvent.Progress(gate, epoch, upTo));
    }
}
