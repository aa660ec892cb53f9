package org.gatepost.agent.gpio;

import com.pi4j.io.gpio.digital.DigitalOutput;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link SignalOutput} on one Pi4J digital output; the switch-off runs on a shared timer thread. */
final class Pi4jSignalOutput implements SignalOutput {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jSignalOutput.class);
    private final String role;
    private final DigitalOutput out;
    private final ScheduledExecutorService timer;
    private final boolean simulated;
    private ScheduledFuture<?> pendingOff;

    Pi4jSignalOutput(String role, DigitalOutput out, ScheduledExecutorService timer, boolean simulated) {
        this.role = role;
        this.out = out;
        this.timer = timer;
        this.simulated = simulated;
    }

    @Override
    public synchronized void pulse(Duration duration) {
        if (pendingOff != null) {
            pendingOff.cancel(false);
        }
        out.high();
        if (simulated) {
            LOG.info(
                    "event=signal output={} pin={} state=on for_ms={} simulated=true",
                    role,
                    out.address(),
                    duration.toMillis());
        } else {
            LOG.debug("event=signal output={} pin={} state=on for_ms={}", role, out.address(), duration.toMillis());
        }
        pendingOff = timer.schedule(this::off, duration.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void off() {
        if (pendingOff != null) {
            pendingOff.cancel(false);
            pendingOff = null;
        }
        if (out.isHigh()) {
            out.low();
        }
    }

    @Override
    public boolean isOn() {
        return out.isHigh();
    }

    @Override
    public String name() {
        return role;
    }
}
