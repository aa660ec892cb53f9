package org.gatepost.simulator.testing;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;

/** The factory side of an in-memory null-modem cable between an agent driver and an emulator in a test. */
public final class InMemoryCable {
    private InMemoryCable() {}

    /**
     * A factory that hands out {@code end} on the first open and throws {@link IOException} on every later one:
     * an in-memory link cannot be replugged, so a reconnect fails as it would with the cable gone. Safe for
     * concurrent use.
     */
    public static SerialLinkFactory onlyOnce(SerialLink end) {
        AtomicBoolean used = new AtomicBoolean();
        return () -> {
            if (used.getAndSet(true)) {
                throw new IOException("in-memory link can be opened once");
            }
            return end;
        };
    }
}
