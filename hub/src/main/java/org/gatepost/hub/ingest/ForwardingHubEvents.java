package org.gatepost.hub.ingest;

/** Passes every call on to another {@link HubEvents}; a subclass adds to the calls it overrides. */
public class ForwardingHubEvents implements HubEvents {
    private final HubEvents to;

    public ForwardingHubEvents(HubEvents to) {
        this.to = to;
    }

    @Override
    public void entryStored(String gate, String epoch, long seq) {
        to.entryStored(gate, epoch, seq);
    }

    @Override
    public void alertsChanged(String gate) {
        to.alertsChanged(gate);
    }

    @Override
    public void gateChanged(String gate) {
        to.gateChanged(gate);
    }

    @Override
    public void passUsed(String passId) {
        to.passUsed(passId);
    }
}
