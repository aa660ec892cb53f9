package org.gatepost.simulator.modbus;

import static org.gatepost.agent.device.modbus.ModbusThermometerSettings.NO_REGISTER;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.modbus.Crc16Modbus;
import org.gatepost.agent.device.modbus.ModbusRequest;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusRequest.WriteSingleRegister;
import org.gatepost.agent.device.modbus.ModbusResponse;
import org.gatepost.agent.device.modbus.ModbusRtuCodec;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Scale;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Signedness;
import org.junit.jupiter.api.Test;

/**
 * The emulated slave's answers, byte for byte against the reference notes' worked frames (section 1.3), so the
 * emulator is held to the datasheet and not only to the codec it shares with the agent.
 */
class EmulatedSlaveTest {
    private static final ModbusThermometerSettings MQ485A = ModbusThermometerSettings.mq485a();
    private static final ModbusRequest MQ485A_POLL = request("01 03 00 00 00 08 44 0C");

    @Test
    void answersTheMq485aPollWithTheReferenceReply() {
        EmulatedSlave slave = new EmulatedSlave(MQ485A, 30.67, 1.0);
        slave.aim(25.79);

        assertEquals(
                "01 03 10 0A 13 0B FB 00 00 00 00 00 00 00 00 00 00 00 00 61 42",
                hex(slave.answer(MQ485A_POLL).reply()));
    }

    @Test
    void answersTheSyntheticAndHuksefluxPollsWithTheReferenceReplies() {
        EmulatedSlave single = new EmulatedSlave(oneRegister(1, 0), 25.0, 1.0);
        single.aim(36.60);
        EmulatedSlave sr05 = new EmulatedSlave(oneRegister(0x40, 0x1006), 25.0, 1.0);
        sr05.aim(22.25);

        assertEquals(
                "01 03 02 0E 4C BD D1",
                hex(single.answer(request("01 03 00 00 00 01 84 0A")).reply()));
        assertEquals(
                "40 03 02 08 B1 43 FF",
                hex(sr05.answer(request("40 03 10 06 00 01 6F DA")).reply()));
    }

    @Test
    void answersARegisterOutsideItsBlockWithIllegalDataAddress() {
        EmulatedSlave calex = new EmulatedSlave(ModbusThermometerSettings.calexPyroUsb(), 25.0, 1.0);

        assertEquals(
                "01 83 02 C0 F1",
                hex(calex.answer(request("01 03 00 00 00 01 84 0A")).reply()));
        assertEquals(
                exception(1, 3, 2),
                hex(calex.answer(new ReadHoldingRegisters(1, 0x12, 5)).reply()),
                "one past the block");
    }

    @Test
    void refusesBadQuantitiesUnknownFunctionsAndWritesWithTheRightException() {
        EmulatedSlave slave = new EmulatedSlave(MQ485A, 25.0, 1.0);

        assertEquals(
                exception(1, 3, 3),
                hex(slave.answer(new ReadHoldingRegisters(1, 0, 0)).reply()));
        assertEquals(
                exception(1, 3, 3),
                hex(slave.answer(new ReadHoldingRegisters(1, 0, 126)).reply()));
        assertEquals(
                exception(1, 4, 1),
                hex(slave.answer(new ModbusRequest.Other(1, 4, 0, 1)).reply()));
        assertEquals(
                exception(1, 6, 2),
                hex(slave.answer(new WriteSingleRegister(1, 0, 2)).reply()),
                "read-only without an address register");
    }

    @Test
    void echoesTheMq485aBroadcastAddressChangeAndAnswersAtTheNewAddress() {
        EmulatedSlave slave = new EmulatedSlave(MQ485A, 25.0, 1.0);
        slave.acceptAddressChangesAt(0);

        assertEquals(
                "00 06 00 00 00 02 09 DA",
                hex(slave.answer(request("00 06 00 00 00 02 09 DA")).reply()));
        assertEquals(2, slave.slave());
        assertTrue(slave.answer(MQ485A_POLL).isEmpty(), "slave 1 is gone");
        assertEquals(0x02, slave.answer(new ReadHoldingRegisters(2, 0, 8)).reply()[0]);
        assertEquals(
                exception(2, 6, 3),
                hex(slave.answer(new WriteSingleRegister(2, 0, 248)).reply()));
        assertTrue(
                slave.answer(new WriteSingleRegister(0, 0, 0)).isEmpty(),
                "broadcasts are never answered with an exception");
        assertTrue(slave.answer(new ReadHoldingRegisters(0, 0, 8)).isEmpty(), "a broadcast read is not answered");
    }

    @Test
    void clearedSceneReadsAmbientPlusOneAndEncodesNegativesPerTheMap() {
        ModbusThermometerSettings tenthsSm = MQ485A.withEncoding(Scale.TENTHS, Signedness.SIGN_MAGNITUDE);
        EmulatedSlave slave = new EmulatedSlave(tenthsSm, -2.5, 1.0);

        // object -1.5 °C = -15 -> 800F, ambient -2.5 °C = -25 -> 8019
        assertEquals(
                withCrc("01 03 10 80 0F 80 19 00 00 00 00 00 00 00 00 00 00 00 00"),
                hex(slave.answer(MQ485A_POLL).reply()));
        assertThrows(IllegalArgumentException.class, () -> new EmulatedSlave(MQ485A, 25.0, 1.0).aim(400.0));
    }

    @Test
    void setsTheLowestErrorBitOfTheStatusRegister() {
        EmulatedSlave calex = new EmulatedSlave(ModbusThermometerSettings.calexPyroUsb(), 25.0, 1.0);
        calex.aim(36.7);
        calex.setSensorError(true);

        byte[] reply = calex.answer(new ReadHoldingRegisters(1, 0x12, 4)).reply();

        // 0x12 = 367 (36.7 °C), 0x13 and 0x14 unmapped, 0x15 status = bit 0 (measurement error)
        assertEquals(withCrc("01 03 08 01 6F 00 00 00 00 00 01"), hex(reply));
        assertThrows(IllegalStateException.class, () -> new EmulatedSlave(MQ485A, 25.0, 1.0).setSensorError(true));
    }

    @Test
    void appliesEachArmedFaultToTheNextRepliesOnly() {
        EmulatedSlave slave = new EmulatedSlave(MQ485A, 25.0, 1.0);
        byte[] good = slave.answer(MQ485A_POLL).reply();

        slave.injectBadCrc(1);
        byte[] badCrc = slave.answer(MQ485A_POLL).reply();
        assertEquals(good.length, badCrc.length);
        assertEquals((byte) (good[good.length - 1] ^ 0xFF), badCrc[badCrc.length - 1]);
        assertTrue(decodes(badCrc) instanceof DecodeResult.Malformed<?> m
                && m.reason().equals("bad-crc"));

        slave.injectTruncated(1);
        assertArrayEquals(
                Arrays.copyOf(good, good.length / 2), slave.answer(MQ485A_POLL).reply());

        slave.dropReplies(1);
        assertNull(slave.answer(MQ485A_POLL).reply());

        slave.injectException(4, 1);
        assertEquals(exception(1, 3, 4), hex(slave.answer(MQ485A_POLL).reply()));

        slave.replyAsSlave(9, 1);
        byte[] foreign = slave.answer(MQ485A_POLL).reply();
        assertEquals(9, foreign[0]);
        assertTrue(decodes(foreign) instanceof DecodeResult.Frame<?>, "a well-formed reply, from the wrong slave");

        slave.injectGarbage(new byte[] {(byte) 0xFF, 0x00});
        EmulatedSlave.Answer noisy = slave.answer(MQ485A_POLL);
        assertEquals(1, noisy.garbage().size());
        assertArrayEquals(good, noisy.reply());

        slave.silence(true);
        assertNull(slave.answer(MQ485A_POLL).reply());
        slave.silence(false);
        assertArrayEquals(good, slave.answer(MQ485A_POLL).reply(), "every fault was used up");
    }

    private static DecodeResult<?> decodes(byte[] reply) {
        return ModbusRtuCodec.responseDecoder(MQ485A.readRequest()).decode(reply, 0, reply.length);
    }

    private static ModbusThermometerSettings oneRegister(int slave, int register) {
        return new ModbusThermometerSettings(
                slave,
                register,
                NO_REGISTER,
                1,
                Scale.HUNDREDTHS,
                Signedness.TWOS_COMPLEMENT,
                NO_REGISTER,
                0,
                9600,
                Duration.ofMillis(200),
                Duration.ofMillis(300));
    }

    private static ModbusRequest request(String hex) {
        byte[] bytes = HexFormat.of().parseHex(hex.replace(" ", ""));
        return ((DecodeResult.Frame<ModbusRequest>)
                        ModbusRtuCodec.requestDecoder().decode(bytes, 0, bytes.length))
                .message();
    }

    private static String exception(int slave, int function, int code) {
        return hex(ModbusRtuCodec.encode(new ModbusResponse.ExceptionReply(slave, function, code)));
    }

    /** The frame with its CRC appended; the CRC is pinned by its check value in the agent's tests. */
    private static String withCrc(String body) {
        return hex(Crc16Modbus.append(HexFormat.of().parseHex(body.replace(" ", ""))));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bytes);
    }
}
