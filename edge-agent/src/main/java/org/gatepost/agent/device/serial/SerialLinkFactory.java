package org.gatepost.agent.device.serial;

import java.io.IOException;

/** Opens a fresh {@link SerialLink}; called again after a link dies. Must be safe for concurrent use. */
@FunctionalInterface
public interface SerialLinkFactory {
    SerialLink open() throws IOException;
}
