package org.gatepost.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.gatepost.agent.config.GpioConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link GateInputs} on Pi4J digital inputs: active low (a button or an NPN sensor pulls the pin to GND),
 * internal pull-up, Pi4J's default 10 ms debounce. One event per falling edge.
 */
public final class Pi4jGateInputs implements GateInputs {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jGateInputs.class);
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Map<Role, AtomicLong> counts = new EnumMap<>(Role.class);
    private final Map<Role, DigitalInput> inputs = new EnumMap<>(Role.class);

    public Pi4jGateInputs(Context context, GpioConfig cfg) {
        for (Role r : Role.values()) {
            counts.put(r, new AtomicLong());
        }
        add(context, Role.PRESENCE, cfg.presencePin());
        add(context, Role.MASK_CONFIRM, cfg.maskConfirmPin());
        add(context, Role.OVERRIDE, cfg.overridePin());
    }

    private void add(Context context, Role role, int pin) {
        if (pin == GpioConfig.NONE) {
            return;
        }
        String id = "gatepost-" + role.name().toLowerCase(Locale.ROOT).replace('_', '-');
        DigitalInput in = context.create(DigitalInput.newConfigBuilder(context)
                .id(id)
                .name(id)
                .address(pin)
                .pull(PullResistance.PULL_UP));
        in.addListener(e -> {
            if (e.state() == DigitalState.LOW) {
                fire(role);
            }
        });
        inputs.put(role, in);
        LOG.info("event=input-ready role={} pin={}", role, pin);
    }

    private void fire(Role role) {
        counts.get(role).incrementAndGet();
        LOG.info("event=input role={}", role);
        for (Listener l : listeners) {
            try {
                l.activated(role);
            } catch (RuntimeException e) {
                LOG.error("event=input-listener-failed role={} reason={}", role, e.toString());
            }
        }
    }

    @Override
    public void listen(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public long count(Role role) {
        return counts.get(role).get();
    }

    @Override
    public void close() {
        listeners.clear();
    }
}
