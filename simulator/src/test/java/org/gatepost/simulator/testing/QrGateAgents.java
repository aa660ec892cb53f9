package org.gatepost.simulator.testing;

import java.nio.file.Path;
import java.util.Properties;
import org.gatepost.simulator.demo.GateAgents;
import org.gatepost.simulator.gate.SimulatedGate;

/** The agent configuration of the fault and benchmark rigs' gates, which people pass by scanning a QR code. */
public final class QrGateAgents {
    private QrGateAgents() {}

    /** {@link GateAgents#properties} for {@code gateId} {@linkplain #withOneQrReader with one QR reader} on {@code qrPort}. */
    public static Properties properties(
            String gateId, SimulatedGate gate, String mqttUrl, String secret, Path agentDb, Path qrPort) {
        return withOneQrReader(GateAgents.properties(gateId, gate, mqttUrl, secret, agentDb), qrPort.toString());
    }

    /**
     * Sets {@code p} to one reader, a QR scanner on {@code qrPort} sending CR-terminated codes, and a decision on
     * one temperature sample within a 1 s window, so that a scan is an entry; returns {@code p}.
     */
    public static Properties withOneQrReader(Properties p, String qrPort) {
        p.setProperty("measure.samples", "1");
        p.setProperty("measure.window", "1s");
        p.setProperty("readers", "qr");
        p.setProperty("reader.qr.protocol", "qr");
        p.setProperty("reader.qr.port", qrPort);
        p.setProperty("reader.qr.terminator", "cr");
        return p;
    }
}
