package org.gatepost.agent.gpio;

import com.pi4j.Pi4J;
import com.pi4j.boardinfo.definition.BoardModel;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.platform.MockPlatform;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.gatepost.agent.config.GpioConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate's outputs on Pi4J digital outputs. In {@code auto} mode Pi4J picks the real GPIO provider on a
 * Raspberry Pi and its mock provider elsewhere (the agent then runs with simulated GPIO and logs each
 * signal); {@code mock} always simulates. Outputs start and shut down LOW (off).
 */
public final class Pi4jGpio implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pi4jGpio.class);
    private final Context context;
    private final ScheduledExecutorService timer;
    private final GateSignals signals;
    private final GateInputs inputs;
    private final boolean simulated;

    private Pi4jGpio(Context context, GpioConfig cfg) {
        this.context = context;
        this.simulated = context.dout().id().startsWith("mock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gpio-timer");
            t.setDaemon(true);
            return t;
        });
        this.signals = new GateSignals(
                output("green", cfg.greenPin()), output("red", cfg.redPin()),
                output("buzzer", cfg.buzzerPin()), output("relay", cfg.relayPin()));
        this.inputs = new Pi4jGateInputs(context, cfg);
        BoardModel board = context.boardInfo().getBoardModel();
        LOG.info(
                "event=gpio-ready provider={} simulated={} board={} green={} red={} buzzer={} relay={}",
                context.dout().getId(),
                simulated,
                board.name(),
                cfg.greenPin(),
                cfg.redPin(),
                cfg.buzzerPin(),
                cfg.relayPin());
        if (!simulated && board == BoardModel.UNKNOWN) {
            // Pi4J's own board detection logs nothing (simplelogger.properties): off a Pi it only fails noisily.
            LOG.warn(
                    "event=gpio-board-unknown provider={} detail=\"Pi4J could not identify this board from"
                            + " /proc/cpuinfo or /proc/device-tree/model\"",
                    context.dout().getId());
        }
    }

    /** Opens GPIO as configured. */
    public static Pi4jGpio open(GpioConfig cfg) {
        Context ctx = "mock".equals(cfg.mode()) ? mockContext() : Pi4J.newAutoContext();
        return new Pi4jGpio(ctx, cfg);
    }

    /** A Pi4J context with only the mock providers: deterministic, for tests and machines without GPIO. */
    public static Context mockContext() {
        return Pi4J.newContextBuilder()
                .add(new MockPlatform())
                .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
                .build();
    }

    /** Uses an existing context (tests pass a mock context and read the outputs back through it). */
    public static Pi4jGpio on(Context context, GpioConfig cfg) {
        return new Pi4jGpio(context, cfg);
    }

    private SignalOutput output(String role, int pin) {
        DigitalOutput out = context.create(DigitalOutput.newConfigBuilder(context)
                .id("gatepost-" + role)
                .name(role)
                .address(pin)
                .initial(DigitalState.LOW)
                .shutdown(DigitalState.LOW));
        return new Pi4jSignalOutput(role, out, timer, simulated);
    }

    public GateSignals signals() {
        return signals;
    }

    public GateInputs inputs() {
        return inputs;
    }

    public boolean simulated() {
        return simulated;
    }

    public Context context() {
        return context;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        inputs.close();
        signals.allOff();
        context.shutdown();
    }
}
