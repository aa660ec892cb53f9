package org.gatepost.hub.cluster;

import org.gatepost.hub.ingest.HubEvents;
import org.gatepost.hub.ingest.ProgressListener;

/**
 * Hands what other instances committed to this instance's listeners: the dashboard's live feed, the acks (which
 * publish only while this instance holds the {@code acks} lease) and the list publisher (likewise with
 * {@code lists}). On {@link #resync()} everything is refreshed from the database.
 */
public final class RemoteEvents implements BusReceiver {
    /** What a resync refreshes beyond the dashboards. */
    public interface Resync {
        void resync();
    }

    private final HubEvents local;
    private final ProgressListener acks;
    private final Runnable listsChanged;
    private final Resync resync;

    public RemoteEvents(HubEvents local, ProgressListener acks, Runnable listsChanged, Resync resync) {
        this.local = local;
        this.acks = acks;
        this.listsChanged = listsChanged;
        this.resync = resync;
    }

    @Override
    public void received(ClusterEvent event) {
        switch (event) {
            case ClusterEvent.EntryStored e -> local.entryStored(e.gate(), e.epoch(), e.seq());
            case ClusterEvent.AlertsChanged a -> local.alertsChanged(a.gate());
            case ClusterEvent.GateChanged g -> local.gateChanged(g.gate());
            case ClusterEvent.Progress p -> acks.committed(p.gate(), p.epoch(), p.upTo());
            case ClusterEvent.ListsChanged l -> listsChanged.run();
        }
    }

    @Override
    public void resync() {
        local.alertsChanged("");
        local.gateChanged("");
        resync.resync();
    }
}
