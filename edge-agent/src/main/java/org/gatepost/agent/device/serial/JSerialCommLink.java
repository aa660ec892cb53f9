package org.gatepost.agent.device.serial;

import com.fazecast.jSerialComm.SerialPort;
import com.fazecast.jSerialComm.SerialPortDataListener;
import com.fazecast.jSerialComm.SerialPortEvent;
import com.fazecast.jSerialComm.SerialPortInvalidPortException;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link SerialLink} on a local serial device through jSerialComm, 8N1.
 *
 * <p>Turns jSerialComm's boolean and -1 results into exceptions. jSerialComm reports an unplugged device
 * through a {@code PORT_DISCONNECTED} event that fires in a tight loop until the port is closed, while
 * {@code isOpen()} stays true; this adapter closes the port once, inside that callback, and every later
 * {@link #read}/{@link #write} throws, so the owner reopens through its factory.
 */
public final class JSerialCommLink implements SerialLink {
    private final SerialPort port;
    private final String name;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean disconnected;

    private JSerialCommLink(SerialPort port, String name) {
        this.port = port;
        this.name = name;
    }

    /**
     * Opens {@code path} (a device path or a symlink such as a socat {@code link=} path) at {@code baud},
     * reads blocking at most {@code readTimeoutMillis}.
     *
     * @throws IOException naming the path when it does not exist or cannot be opened
     */
    public static JSerialCommLink open(String path, int baud, int readTimeoutMillis) throws IOException {
        SerialPort port;
        try {
            port = SerialPort.getCommPort(path);
        } catch (SerialPortInvalidPortException e) {
            throw new IOException("no such serial port: " + path, e);
        }
        port.setComPortParameters(baud, 8, SerialPort.ONE_STOP_BIT, SerialPort.NO_PARITY);
        port.setFlowControl(SerialPort.FLOW_CONTROL_DISABLED);
        port.setComPortTimeouts(
                SerialPort.TIMEOUT_READ_SEMI_BLOCKING | SerialPort.TIMEOUT_WRITE_BLOCKING, readTimeoutMillis, 1000);
        if (!port.openPort()) {
            throw new IOException("cannot open serial port " + path + " (error " + port.getLastErrorCode() + ")");
        }
        JSerialCommLink link = new JSerialCommLink(port, path);
        port.addDataListener(new SerialPortDataListener() {
            @Override
            public int getListeningEvents() {
                return SerialPort.LISTENING_EVENT_PORT_DISCONNECTED;
            }

            @Override
            public void serialEvent(SerialPortEvent event) {
                link.disconnected = true;
                link.close();
            }
        });
        return link;
    }

    @Override
    public int read(byte[] buffer, int offset, int len) throws IOException {
        if (closed.get() || disconnected) {
            throw new IOException("serial port gone: " + name);
        }
        int n = port.readBytes(buffer, len, offset);
        if (n < 0) {
            close();
            throw new IOException("serial port read failed: " + name + " (error " + port.getLastErrorCode() + ")");
        }
        return n;
    }

    @Override
    public void write(byte[] data) throws IOException {
        if (closed.get() || disconnected) {
            throw new IOException("serial port gone: " + name);
        }
        int n = port.writeBytes(data, data.length);
        if (n != data.length) {
            close();
            throw new IOException("serial port write failed: " + name + " wrote " + n + " of " + data.length);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            port.removeDataListener();
            port.closePort();
        }
    }
}
