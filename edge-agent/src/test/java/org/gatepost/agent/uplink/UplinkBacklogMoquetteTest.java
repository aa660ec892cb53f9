package org.gatepost.agent.uplink;

import java.nio.file.Path;
import java.util.Deque;
import org.gatepost.agent.testing.MoquetteBroker;

/** {@link UplinkBacklogContract} against an embedded Moquette 0.17 (the hub's demo broker). */
class UplinkBacklogMoquetteTest extends UplinkBacklogContract {
    @Override
    String startBroker(Path dir, Deque<AutoCloseable> closers) throws Exception {
        MoquetteBroker broker = MoquetteBroker.startInMemory();
        closers.push(broker);
        return broker.url();
    }

    @Override
    String brokerName() {
        return "moquette";
    }
}
