package org.gatepost.agent.device.thermometer;

import java.io.IOException;
import java.time.Duration;
import org.gatepost.agent.device.serial.SerialLink;
import org.gatepost.agent.testing.DeviceEndReader;

/** Test helper playing the module by hand on the device end of a link: reads commands, writes frames. */
final class DeviceEnd {
    private final SerialLink link;
    private final DeviceEndReader<GyMcuCommand> commands;

    DeviceEnd(SerialLink link) {
        this.link = link;
        this.commands = new DeviceEndReader<>(link, GyMcuCodec.commandDecoder(), 16, "command from the host");
    }

    /** The next command the host sends; fails the test if none arrives in time. */
    GyMcuCommand nextCommand(Duration timeout) throws IOException {
        return commands.next(timeout).frame();
    }

    void send(byte[] bytes) throws IOException {
        link.write(bytes);
    }

    void sendFrame(int objectCentiC, int ambientCentiC) throws IOException {
        link.write(GyMcuCodec.encodeFrame(objectCentiC, ambientCentiC));
    }

    long malformedCommands() {
        return commands.malformed();
    }
}
