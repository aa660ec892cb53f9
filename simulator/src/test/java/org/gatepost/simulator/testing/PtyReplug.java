package org.gatepost.simulator.testing;

import java.io.IOException;
import java.time.Duration;
import org.gatepost.agent.device.Device;
import org.gatepost.agent.device.DeviceHealth.State;
import org.gatepost.agent.testing.Await;
import org.gatepost.simulator.device.SerialEmulator;
import org.gatepost.simulator.pty.SocatPtyPair;

/** A pulled and replugged cable between an agent driver and an emulator on a socat pseudo-terminal pair. */
public final class PtyReplug {
    private PtyReplug() {}

    /**
     * Unplugs {@code pty} and waits until {@code driver}'s health shows the outage (DISCONNECTED); restarts it
     * and waits until the driver has reconnected (CONNECTED, a reconnect counted) and {@code emulator} has
     * opened its end a second time. Each wait fails after {@code deadline}.
     */
    public static void unplugAndReplug(SocatPtyPair pty, Device driver, SerialEmulator<?> emulator, Duration deadline)
            throws IOException {
        pty.unplug();
        Await.until(
                "the outage shows in health",
                deadline,
                () -> driver.health().state() == State.DISCONNECTED,
                driver::health);
        pty.restart();
        Await.until(
                "the driver reconnects",
                deadline,
                () -> driver.health().reconnects() >= 1 && driver.health().state() == State.CONNECTED,
                driver::health);
        Await.until("the emulator reconnects", deadline, () -> emulator.connections() >= 2, driver::health);
    }
}
