package org.gatepost.simulator.e2e;

import static org.gatepost.simulator.e2e.GateFixture.awaitEntries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.gatepost.agent.Agent;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.agent.testing.FreePorts;
import org.gatepost.hub.Hub;
import org.gatepost.simulator.gate.SimulatedGate;
import org.gatepost.simulator.pty.SocatPtyPair;
import org.gatepost.simulator.rfid.Rdm6300Emulator;
import org.gatepost.simulator.scanner.ScannerEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gate with an RFID reader and a QR scanner besides its ID card reader, configured through {@code readers=}:
 * each credential kind reaches the hub, hashed and masked, and every device reports its health.
 */
class EveryReaderThroughTheGateTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void rfidTagAndQrCodeAreEntriesAtTheHub() throws Exception {
        try (Hub hub = GateFixture.hub(dir.resolve("hub"), null, FreePorts.pick());
                SimulatedGate gate = SimulatedGate.start("east", dir.resolve("dev"), true);
                SocatPtyPair rfidPty = SocatPtyPair.start(dir.resolve("dev"), "east-rfid");
                SocatPtyPair qrPty = SocatPtyPair.start(dir.resolve("dev"), "east-qr");
                Rdm6300Emulator rfid = new Rdm6300Emulator(
                                () -> JSerialCommLink.open(rfidPty.deviceEnd().toString(), 9600, 50))
                        .start();
                ScannerEmulator qr = new ScannerEmulator(
                                () -> JSerialCommLink.open(qrPty.deviceEnd().toString(), 9600, 50))
                        .start()) {
            Properties p = GateFixture.agentProperties(dir, "east-gate", gate, hub.brokerUrl());
            p.setProperty("readers", "rfid-east,qr-east");
            p.setProperty("reader.rfid-east.protocol", "rdm6300");
            p.setProperty("reader.rfid-east.port", rfidPty.agentEnd().toString());
            p.setProperty("reader.qr-east.protocol", "qr");
            p.setProperty("reader.qr-east.port", qrPty.agentEnd().toString());
            p.setProperty("reader.qr-east.terminator", "crlf");
            try (Agent agent = GateFixture.agent(dir, p)) {
                gate.aim(35.8);
                rfid.present(3887558L);
                awaitEntries(hub, "east-gate", WAIT, 1);
                rfid.remove();
                qr.scan("https://jkm.example.gov.cn/code/GREEN-7f3a9c21");
                JsonNode entries = awaitEntries(hub, "east-gate", WAIT, 2);
                gate.leave();

                Set<String> kinds = new HashSet<>();
                for (JsonNode e : entries.get("entries")) {
                    kinds.add(e.get("credential").get("kind").asText());
                    assertEquals("admit", e.get("decision").asText());
                    assertTrue(e.get("credential").get("masked").asText().contains("*"));
                }
                assertEquals(Set.of("rfid", "qr"), kinds);
                String all = entries.toString();
                assertFalse(all.contains("3887558"), "the tag number never leaves the gate");
                assertFalse(all.contains("GREEN-7f3a9c21"), "the scanned text never leaves the gate");
                assertEquals(4, agent.deviceHealth().size(), "thermometer, id card reader, rfid and qr");
                assertEquals("rfid-east", agent.deviceHealth().get(2).device());
            }
        }
    }
}
