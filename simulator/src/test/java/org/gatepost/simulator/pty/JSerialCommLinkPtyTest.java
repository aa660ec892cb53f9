package org.gatepost.simulator.pty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.gatepost.agent.device.serial.JSerialCommLink;
import org.gatepost.agent.device.serial.SerialLink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jSerialComm adapter on real pseudo-terminals made by socat. */
class JSerialCommLinkPtyTest {
    @TempDir
    Path dir;

    @Test
    void carriesBytesBothWaysThroughAPtyPair() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "dev");
                SerialLink agent = pty.agentLinks(9600).open();
                SerialLink device = JSerialCommLink.open(pty.deviceEnd().toString(), 9600, 100)) {
            byte[] frame = {0x5A, 0x5A, 0x45, 0x04, 0x0C, 0x78, 0x0D, 0x19, (byte) 0xA7};
            device.write(frame);
            assertArrayEquals(frame, readExactly(agent, frame.length));
            byte[] command = {(byte) 0xA5, 0x45, (byte) 0xEA};
            agent.write(command);
            assertArrayEquals(command, readExactly(device, command.length));
        }
    }

    @Test
    void readTimesOutWithZeroWhenTheLineIsIdle() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "idle");
                SerialLink agent = JSerialCommLink.open(pty.agentEnd().toString(), 9600, 100)) {
            assertTrue(agent.read(new byte[8], 0, 8) == 0);
        }
    }

    @Test
    void unpluggedDeviceFailsReadsAndAFreshOpenWorksAfterReplug() throws Exception {
        try (SocatPtyPair pty = SocatPtyPair.start(dir, "usb")) {
            SerialLink agent = JSerialCommLink.open(pty.agentEnd().toString(), 9600, 100);
            pty.unplug();
            assertThrows(
                    IOException.class,
                    () -> {
                        long deadline = System.nanoTime() + 5_000_000_000L;
                        while (System.nanoTime() < deadline) {
                            agent.read(new byte[8], 0, 8);
                        }
                    },
                    "a read on a vanished pty must throw, not return 0 forever");
            agent.close();
            pty.restart();
            try (SerialLink again = JSerialCommLink.open(pty.agentEnd().toString(), 9600, 100);
                    SerialLink device = JSerialCommLink.open(pty.deviceEnd().toString(), 9600, 100)) {
                device.write(new byte[] {1, 2, 3});
                assertArrayEquals(new byte[] {1, 2, 3}, readExactly(again, 3));
            }
        }
    }

    @Test
    void openingAMissingPortNamesIt() {
        IOException e = assertThrows(
                IOException.class,
                () -> JSerialCommLink.open(dir.resolve("nothing-here").toString(), 9600, 100));
        assertTrue(e.getMessage().contains("nothing-here"), e.getMessage());
    }

    static byte[] readExactly(SerialLink link, int n) throws IOException {
        byte[] buf = new byte[n];
        int got = 0;
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (got < n) {
            if (System.nanoTime() > deadline) {
                fail("only " + got + " of " + n + " bytes: " + Arrays.toString(buf));
            }
            got += link.read(buf, got, n - got);
        }
        return buf;
    }
}
