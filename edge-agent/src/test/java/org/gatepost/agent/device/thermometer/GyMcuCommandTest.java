package org.gatepost.agent.device.thermometer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.codec.FrameDecoder;
import org.gatepost.agent.device.codec.FrameReader;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

class GyMcuCommandTest {
    private final FrameDecoder<GyMcuCommand> decoder = GyMcuCodec.commandDecoder();

    @Test
    void encodesTheDatasheetCommandVectors() {
        // A5, command byte, (A5 + command) & FF
        assertArrayEquals(Bytes.of(0xA5, 0x45, 0xEA), GyMcuCodec.command(GyMcuCodec.CMD_CONTINUOUS));
        assertArrayEquals(Bytes.of(0xA5, 0x15, 0xBA), GyMcuCodec.command(GyMcuCodec.CMD_QUERY));
        assertArrayEquals(Bytes.of(0xA5, 0xAE, 0x53), GyMcuCodec.command(GyMcuCodec.CMD_BAUD_9600));
        assertArrayEquals(Bytes.of(0xA5, 0xAF, 0x54), GyMcuCodec.command(GyMcuCodec.CMD_BAUD_115200));
        assertArrayEquals(Bytes.of(0xA5, 0x51, 0xF6), GyMcuCodec.command(GyMcuCodec.CMD_AUTOSEND_ON));
        assertArrayEquals(Bytes.of(0xA5, 0x52, 0xF7), GyMcuCodec.command(GyMcuCodec.CMD_AUTOSEND_OFF));
        assertArrayEquals(Bytes.of(0xA5, 0x45, 0xEA), GyMcuCommand.CONTINUOUS.bytes());
    }

    @Test
    void rejectsCommandCodesWiderThanOneByte() {
        assertThrows(IllegalArgumentException.class, () -> GyMcuCodec.command(0x100));
        assertThrows(IllegalArgumentException.class, () -> GyMcuCodec.command(-1));
    }

    @Test
    void decodesContinuousAndQueryCommands() {
        assertEquals(DecodeResult.frame(GyMcuCommand.CONTINUOUS, 3), decoder.decode(Bytes.of(0xA5, 0x45, 0xEA), 0, 3));
        assertEquals(DecodeResult.frame(GyMcuCommand.QUERY, 3), decoder.decode(Bytes.of(0xA5, 0x15, 0xBA), 0, 3));
    }

    @Test
    void keepsUnknownCommandsWithAGoodChecksum() {
        assertEquals(DecodeResult.frame(new GyMcuCommand(0x99), 3), decoder.decode(Bytes.of(0xA5, 0x99, 0x3E), 0, 3));
    }

    @Test
    void waitsForTheRestOfAPartialCommand() {
        assertEquals(DecodeResult.needMore(3), decoder.decode(Bytes.of(0xA5), 0, 1));
        assertEquals(DecodeResult.needMore(3), decoder.decode(Bytes.of(0xA5, 0x45), 0, 2));
    }

    @Test
    void rejectsABadChecksumAndResyncsOnTheNextHeader() {
        assertEquals(DecodeResult.malformed("bad-checksum", 2), decoder.decode(Bytes.of(0xA5, 0x45, 0xA5), 0, 3));
        assertEquals(DecodeResult.malformed("bad-checksum", 3), decoder.decode(Bytes.of(0xA5, 0x45, 0xEB), 0, 3));
    }

    @Test
    void skipsGarbageBeforeACommand() {
        FrameReader<GyMcuCommand> reader = new FrameReader<>(decoder, 16);

        List<GyMcuCommand> commands = reader.feed(Bytes.of(0x00, 0x5A, 0xA5, 0x45, 0xA5, 0x15, 0xBA, 0xA5, 0x45, 0xEA));

        assertEquals(List.of(GyMcuCommand.QUERY, GyMcuCommand.CONTINUOUS), commands);
        assertEquals(2, reader.malformed()); // leading garbage, then A5 45 with a bad checksum
        assertEquals(0, reader.buffered());
    }
}
