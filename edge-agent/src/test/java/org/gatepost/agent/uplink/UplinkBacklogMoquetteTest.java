package org.gatepost.agent.uplink;

import java.nio.file.Path;
import org.gatepost.agent.testing.Closers;
import org.gatepost.agent.testing.MoquetteBroker;

/** {@link UplinkBacklogContract} against an embedded Moquette 0.17 (the hub's demo broker). */
class UplinkBacklogMoquetteTest extends UplinkBacklogContract {
    @Override
    String startBroker(Path dir, Closers closers) throws Exception {
        return closers.later(MoquetteBroker.startInMemory()).url();
    }

    @Override
    String brokerName() {
        return "moquette";
    }
}
