package org.gatepost.simulator.gate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gatepost.agent.device.idcard.IdCardText;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.device.serial.SerialLinkFactory;
import org.gatepost.simulator.idcard.IdCardEmulator;
import org.gatepost.simulator.rfid.Rdm6300Emulator;
import org.gatepost.simulator.scanner.ScannerEmulator;
import org.gatepost.simulator.thermometer.ThermometerEmulator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hardware of one gate, emulated byte for byte: a GY-MCU thermometer and a SAM ID card reader, and
 * optionally an RDM6300 RFID reader and a QR scanner, each behind a {@link DevicePort}. Survives the agent reconnecting (a new emulator is started on the new link
 * and given the current scene). Thread safe.
 */
public final class SimulatedGate implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SimulatedGate.class);
    public static final int THERMOMETER_BAUD = 9600;
    public static final int IDCARD_BAUD = 115200;
    public static final int READER_BAUD = 9600;

    private final String name;
    private final DevicePort thermometerPort;
    private final DevicePort idcardPort;
    private final DevicePort rfidPort;
    private final DevicePort qrPort;
    private final IdCardEmulator idcard;
    private final Rdm6300Emulator rfid;
    private final ScannerEmulator qr;
    private final Thread thermometerSupervisor;
    private volatile ThermometerEmulator thermometer;
    private volatile Double aimedC;
    private volatile boolean closed;

    private SimulatedGate(
            String name, DevicePort thermometerPort, DevicePort idcardPort, DevicePort rfidPort, DevicePort qrPort) {
        this.name = name;
        this.thermometerPort = thermometerPort;
        this.idcardPort = idcardPort;
        this.rfidPort = rfidPort;
        this.qrPort = qrPort;
        this.idcard = new IdCardEmulator(idcardPort.deviceLinks(IDCARD_BAUD)).start();
        this.rfid = rfidPort == null ? null : new Rdm6300Emulator(rfidPort.deviceLinks(READER_BAUD)).start();
        this.qr = qrPort == null ? null : new ScannerEmulator(qrPort.deviceLinks(READER_BAUD)).start();
        SerialLinkFactory links = thermometerPort.deviceLinks(THERMOMETER_BAUD);
        this.thermometerSupervisor = new Thread(() -> superviseThermometer(links), name + "-thermometer-sim");
        thermometerSupervisor.setDaemon(true);
        thermometerSupervisor.start();
    }

    /** Devices on socat pty pairs under {@code dir} when {@code pty}, otherwise on loopback TCP ports. */
    public static SimulatedGate start(String name, Path dir, boolean pty) throws IOException {
        return start(name, dir, pty, false);
    }

    /**
     * As {@link #start(String, Path, boolean)}; with {@code extraReaders} the gate also has an RDM6300 RFID
     * reader and a QR scanner (configure the agent with {@link #readerProperties()}).
     */
    public static SimulatedGate start(String name, Path dir, boolean pty, boolean extraReaders) throws IOException {
        List<DevicePort> opened = new ArrayList<>();
        try {
            DevicePort t = open(opened, name + "-thermometer", dir, pty);
            DevicePort i = open(opened, name + "-idcard", dir, pty);
            DevicePort r = extraReaders ? open(opened, name + "-rfid", dir, pty) : null;
            DevicePort q = extraReaders ? open(opened, name + "-qr", dir, pty) : null;
            return new SimulatedGate(name, t, i, r, q);
        } catch (IOException e) {
            for (DevicePort d : opened) {
                d.close();
            }
            throw e;
        }
    }

    private static DevicePort open(List<DevicePort> opened, String name, Path dir, boolean pty) throws IOException {
        DevicePort d = pty ? DevicePort.pty(dir, name) : DevicePort.tcp();
        opened.add(d);
        return d;
    }

    /** Agent properties for the extra readers ({@code readers=rfid,qr}); empty without them. */
    public Properties readerProperties() {
        Properties p = new Properties();
        if (rfid == null) {
            return p;
        }
        p.setProperty("readers", "rfid,qr");
        p.setProperty("reader.rfid.protocol", "rdm6300");
        p.setProperty("reader.rfid.port", rfidPort.agentPort());
        p.setProperty("reader.qr.protocol", "qr");
        p.setProperty("reader.qr.port", qrPort.agentPort());
        p.setProperty("reader.qr.terminator", "crlf");
        return p;
    }

    private void superviseThermometer(SerialLinkFactory links) {
        while (!closed) {
            try {
                SerialLink link = links.open();
                ThermometerEmulator emu = new ThermometerEmulator(link).start();
                Double aimed = aimedC;
                if (aimed != null) {
                    emu.aim(aimed);
                }
                thermometer = emu;
                while (!closed && emu.isRunning()) {
                    Thread.sleep(50);
                }
                emu.close();
            } catch (IOException e) {
                if (!closed) {
                    LOG.debug("event=thermometer-sim-reopen gate={} reason={}", name, e.getMessage());
                }
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
        if (t != null) {
            t.aim(objectC);
        }
    }

    /** A person steps up and shows an RFID tag. */
    public void presentTag(long tagId, double objectC) {
        aim(objectC);
        requireReaders().present(tagId);
    }

    /** A person steps up and has their QR code scanned. */
    public void presentCode(String text, double objectC) {
        aim(objectC);
        if (qr == null) {
            throw new IllegalStateException("gate " + name + " has no QR scanner");
        }
        qr.scan(text);
    }

    private Rdm6300Emulator requireReaders() {
        if (rfid == null) {
            throw new IllegalStateException("gate " + name + " has no RFID reader");
        }
        return rfid;
    }

    /** The person walks on: card off the reader, nobody in front of the thermometer. */
    public void leave() {
        idcard.removeCard();
        if (rfid != null) {
            rfid.remove();
        }
        aimedC = null;
        ThermometerEmulator t = thermometer;
        if (t != null) {
            t.clear();
        }
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
        if (t != null) {
            t.close();
        }
        idcard.close();
        if (rfid != null) {
            rfid.close();
        }
        if (qr != null) {
            qr.close();
        }
        thermometerPort.close();
        idcardPort.close();
        if (rfidPort != null) {
            rfidPort.close();
        }
        if (qrPort != null) {
            qrPort.close();
        }
    }
}
