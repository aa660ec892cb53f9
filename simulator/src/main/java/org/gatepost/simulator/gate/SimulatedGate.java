package org.gatepost.simulator.gate;

import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.idcard.IdCardEmulator;
import org.gatepost.simulator.thermometer.ThermometerEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The hardware of one gate, emulated byte for byte: a GY-MCU thermometer and a SAM ID card reader, each
 * behind a {@link DevicePort}. Survives the agent reconnecting (a new emulator is started on the new link
 * and given the current scene). Thread safe.
 */
public final class SimulatedGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGate.class);
    public static final int THERMOMETER_BAUD = 9600;
    public static final int IDCARD_BAUD = 115200;

    private final String name;
    private final DevicePort thermometerPort;
    private final DevicePort idcardPort;
    private final IdCardEmulator idcard;
    private final Thread thermometerSupervisor;
    private volatile ThermometerEmulator thermometer;
    private volatile Double aimedC;
    private volatile boolean closed;

    private SimulatedGate(String name, DevicePort thermometerPort, DevicePort idcardPort) {
        this.name = name;
        this.thermometerPort = thermometerPort;
        this.idcardPort = idcardPort;
        this.idcard = new IdCardEmulator(idcardPort.deviceLinks(IDCARD_BAUD)).start();
        SerialLinkFactory links = thermometerPort.deviceLinks(THERMOMETER_BAUD);
        this.thermometerSupervisor = new Thread(() -> superviseThermometer(links), name + "-thermometer-sim");
        thermometerSupervisor.setDaemon(true);
        thermometerSupervisor.start();
    }

    /** Devices on socat pty pairs under {@code dir} when {@code pty}, otherwise on loopback TCP ports. */
    public static SimulatedGate start(String name, Path dir, boolean pty) throws IOException {
        DevicePort t = pty ? DevicePort.pty(dir, name + "-thermometer") : DevicePort.tcp();
        DevicePort i;
        try {
            i = pty ? DevicePort.pty(dir, name + "-idcard") : DevicePort.tcp();
        } catch (IOException e) {
            t.close();
            throw e;
        }
        return new SimulatedGate(name, t, i);
    }

    private void superviseThermometer(SerialLinkFactory links) {
        while (!closed) {
            try {
                SerialLink link = links.open();
                ThermometerEmulator emu = new ThermometerEmulator(link).start();
                Double aimed = aimedC;
                if (aimed != null) emu.aim(aimed);
                thermometer = emu;
                while (!closed && emu.isRunning()) Thread.sleep(50);
                emu.close();
            } catch (IOException e) {
                if (!closed) LOG.debug("event=thermometer-sim-reopen gate={} reason={}", name, e.getMessage());
                sleepQuietly(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A person steps up: the thermometer sees {@code objectC}, then the card goes on the reader. */
    public void present(IdCardText.Fields card, double objectC) {
        aim(objectC);
        idcard.placeCard(card);
    }

    /** The thermometer sees a person at {@code objectC} (°C, skin temperature). */
    public void aim(double objectC) {
        aimedC = objectC;
        ThermometerEmulator t = thermometer;
        if (t != null) t.aim(objectC);
    }

    /** The person walks on: card off the reader, nobody in front of the thermometer. */
    public void leave() {
        idcard.removeCard();
        aimedC = null;
        ThermometerEmulator t = thermometer;
        if (t != null) t.clear();
    }

    public String thermometerPortSpec() {
        return thermometerPort.agentPort();
    }

    public String idcardPortSpec() {
        return idcardPort.agentPort();
    }

    public IdCardEmulator idcard() {
        return idcard;
    }

    /** The thermometer emulator currently serving, or null before the agent connected. */
    public ThermometerEmulator thermometer() {
        return thermometer;
    }

    public DevicePort thermometerPort() {
        return thermometerPort;
    }

    public DevicePort idcardPort() {
        return idcardPort;
    }

    public String name() {
        return name;
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        thermometerSupervisor.interrupt();
        ThermometerEmulator t = thermometer;
        if (t != null) t.close();
        idcard.close();
        thermometerPort.close();
        idcardPort.close();
    }
}
