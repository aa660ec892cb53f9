package org.gatepost.agent.gpio;

import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.DigitalStateChangeEvent;
import com.pi4j.io.gpio.digital.DigitalStateChangeListener;
import com.pi4j.io.gpio.digital.PullResistance;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.gatepost.agent.device.wiegand.WiegandLines;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link WiegandLines} on two Pi4J digital inputs (BCM numbering), created with the pull-up on and
 * <b>debounce 0</b>: Pi4J's default 10 ms debounce would swallow 50 µs Wiegand pulses. A falling edge (event
 * state LOW) is a bit; it is stamped with {@link System#nanoTime()} first thing in the Pi4J listener, because
 * Pi4J events carry no timestamp. Both lines' levels are tracked from the events themselves, so "the other line
 * was low" reflects the event order rather than a later read of the pin.
 *
 * <p>The listener is called on Pi4J's event thread for the input (gpiod: one monitoring task per input; the
 * mock provider: the thread that called {@code mockState}), under a lock shared by both inputs, so calls never
 * overlap. Whether gpiod delivers D0 and D1 events in edge order on a real Pi is unverified; see
 * {@code docs/protocols/wiegand.md}.
 *
 * <p>The context is the caller's; {@link #close()} shuts down only the two inputs. Safe for concurrent use.
 */
public final class Pi4jWiegandLines implements WiegandLines {
    private static final Logger log = LoggerFactory.getLogger(Pi4jWiegandLines.class);

    private final Context context;
    private final LongSupplier nanoTicker;
    private final String name;
    private final DigitalInput d0;
    private final DigitalInput d1;
    private final DigitalStateChangeListener onD0 = e -> edge(0, e);
    private final DigitalStateChangeListener onD1 = e -> edge(1, e);
    private final Object lock = new Object();
    // guarded by lock
    private final boolean[] low = new boolean[2];
    private Listener listener;
    private boolean closed;

    /**
     * Creates the inputs {@code <id>-d0} and {@code <id>-d1} on the given BCM pins.
     *
     * @throws IllegalArgumentException if both pins are the same
     */
    public Pi4jWiegandLines(Context context, String id, int d0Pin, int d1Pin) {
        this(context, id, d0Pin, d1Pin, System::nanoTime);
    }

    /** As above, stamping edges with {@code nanoTicker} instead of {@link System#nanoTime()}: for tests. */
    Pi4jWiegandLines(Context context, String id, int d0Pin, int d1Pin, LongSupplier nanoTicker) {
        this.context = Objects.requireNonNull(context, "context");
        this.nanoTicker = Objects.requireNonNull(nanoTicker, "nanoTicker");
        Objects.requireNonNull(id, "id");
        if (d0Pin == d1Pin) {
            throw new IllegalArgumentException("D0 and D1 must be different pins, both are " + d0Pin);
        }
        this.name = "gpio:d0=" + d0Pin + ",d1=" + d1Pin;
        this.d0 = input(id + "-d0", "wiegand D0", d0Pin);
        this.d1 = input(id + "-d1", "wiegand D1", d1Pin);
        synchronized (lock) {
            low[0] = d0.state() == DigitalState.LOW;
            low[1] = d1.state() == DigitalState.LOW;
        }
        d0.addListener(onD0);
        d1.addListener(onD1);
        log.info(
                "event=wiegand-lines-open lines={} provider={}",
                name,
                d0.provider().id());
    }

    private DigitalInput input(String inputId, String inputName, int pin) {
        return context.create(DigitalInput.newConfigBuilder(context)
                .id(inputId)
                .name(inputName)
                .address(pin)
                .pull(PullResistance.PULL_UP)
                .debounce(0L));
    }

    /** The Pi4J id of the D0 input, for looking it up in the context (the simulator drives it there). */
    public String d0Id() {
        return d0.id();
    }

    public String d1Id() {
        return d1.id();
    }

    @Override
    public void listen(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("lines closed: " + name);
            }
            if (this.listener != null) {
                throw new IllegalStateException("a listener is already set: " + name);
            }
            this.listener = listener;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            listener = null;
        }
        d0.removeListener(onD0);
        d1.removeListener(onD1);
        for (DigitalInput in : new DigitalInput[] {d0, d1}) {
            try {
                context.shutdown(in.id());
            } catch (RuntimeException e) {
                // the context may already be shut down by its owner; nothing left to release then
                log.debug("event=wiegand-input-shutdown-failed input={} error=\"{}\"", in.id(), e.getMessage());
            }
        }
    }

    private void edge(int line, DigitalStateChangeEvent<?> event) {
        long nanos = nanoTicker.getAsLong();
        DigitalState state = event.state();
        if (state != DigitalState.LOW && state != DigitalState.HIGH) {
            return;
        }
        synchronized (lock) {
            // every LOW event is a pulse start, even if the HIGH before it was missed
            boolean falling = state == DigitalState.LOW;
            low[line] = falling;
            if (!falling || listener == null) {
                return;
            }
            if (low[1 - line]) {
                listener.bothLow(nanos);
            } else {
                listener.bit(line, nanos);
            }
        }
    }
}
