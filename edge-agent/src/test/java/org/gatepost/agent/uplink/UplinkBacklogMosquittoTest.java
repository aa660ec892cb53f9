package org.gatepost.agent.uplink;

import java.nio.file.Path;
import java.util.Deque;
import org.gatepost.agent.testing.MosquittoBroker;

/**
 * {@link UplinkBacklogContract} against a real Mosquitto started by the test ({@code apt-get install mosquitto}),
 * persisting after every change as in production.
 */
class UplinkBacklogMosquittoTest extends UplinkBacklogContract {
    @Override
    String startBroker(Path dir, Deque<AutoCloseable> closers) throws Exception {
        MosquittoBroker broker = MosquittoBroker.start(dir.resolve("mosquitto"));
        closers.push(broker);
        return broker.url();
    }

    @Override
    String brokerName() {
        return "mosquitto";
    }
}
