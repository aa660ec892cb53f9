package org.gatepost.hub.mqtt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

/** Real loopback TCP: what Paho reads through the factory's sockets arrives whole and in order. */
class BufferedSocketFactoryTest {

    @Test
    void readsByteByByteAndInBlocksThroughOneBufferedStreamAndSurvivesATimeout() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket client = new BufferedSocketFactory()
                        .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket peer = server.accept()) {
            InputStream in = client.getInputStream();
            assertInstanceOf(BufferedInputStream.class, in);
            assertSame(in, client.getInputStream(), "one stream, so no buffered byte is lost between callers");
            OutputStream out = peer.getOutputStream();

            client.setSoTimeout(200);
            assertThrows(SocketTimeoutException.class, in::read, "nothing sent yet");

            byte[] packet = new byte[100_000];
            for (int i = 0; i < packet.length; i++) {
                packet[i] = (byte) (i * 31);
            }
            out.write(new byte[] {0x30, (byte) 0x81, 0x01});
            out.write(packet);
            out.flush();
            client.setSoTimeout(5_000);
            assertEquals(0x30, in.read());
            assertEquals(0x81, in.read());
            assertEquals(0x01, in.read());
            assertArrayEquals(packet, in.readNBytes(packet.length));
        }
    }
}
