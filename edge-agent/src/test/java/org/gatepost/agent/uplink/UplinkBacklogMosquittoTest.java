package org.gatepost.agent.uplink;

import java.nio.file.Path;
import org.gatepost.agent.testing.Closers;
import org.gatepost.agent.testing.MosquittoBroker;

/**
 * {@link UplinkBacklogContract} against a real Mosquitto started by the test ({@code apt-get install mosquitto}),
 * persisting after every change as in production.
 */
class UplinkBacklogMosquittoTest extends UplinkBacklogContract {
    @Override
    String startBroker(Path dir, Closers closers) throws Exception {
        return closers.later(MosquittoBroker.start(dir.resolve("mosquitto"))).url();
    }

    @Override
    String brokerName() {
        return "mosquitto";
    }
}
