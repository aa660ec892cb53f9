package org.gatepost.agent.check;

import java.io.IOException;
import org.gatepost.agent.device.serial.JSerialCommLink;

/** Opens a local serial port and closes it again, sending nothing. */
@FunctionalInterface
public interface PortOpener {
    /** Through the agent's own jSerialComm adapter, as the agent opens its ports. */
    PortOpener SYSTEM = (path, baud) -> JSerialCommLink.open(path, baud, 100).close();

    /** @throws IOException naming the port when it is missing or cannot be opened */
    void openAndClose(String path, int baud) throws IOException;
}
