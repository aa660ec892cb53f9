package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.testing.Bytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.gatepost.agent.device.codec.DecodeResult;
import org.gatepost.agent.device.modbus.ModbusRequest.ReadHoldingRegisters;
import org.gatepost.agent.device.modbus.ModbusRequest.WriteSingleRegister;
import org.gatepost.agent.device.modbus.ModbusResponse.ExceptionReply;
import org.gatepost.agent.device.modbus.ModbusResponse.Registers;
import org.gatepost.agent.device.modbus.ModbusResponse.WriteEcho;
import org.gatepost.agent.testing.Bytes;
import org.junit.jupiter.api.Test;

/**
 * The worked frames of the reference notes (section 1.3), byte for byte, in both directions and both roles.
 * These vectors are the independent oracle: the emulator reuses this codec, so a round trip alone would pass
 * even if both directions shared a bug.
 */
class ModbusWorkedFramesTest {

    /** MQ485A: read 8 holding registers from 0 of slave 1. */
    private static final byte[] MQ485A_REQUEST = Bytes.of(
            0x01, // slave 1
            0x03, // read holding registers
            0x00, 0x00, // start register 0
            0x00, 0x08, // quantity 8
            0x44, 0x0C); // CRC 0x0C44, low byte first

    private static final byte[] MQ485A_RESPONSE = Bytes.of(
            0x01, // slave 1
            0x03, // read holding registers
            0x10, // byte count 16 = 2 * 8
            0x0A, 0x13, // reg0 TO    = 0x0A13 = 2579 -> 25.79 °C
            0x0B, 0xFB, // reg1 T_ref = 0x0BFB = 3067 -> 30.67 °C
            0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // reg2..reg7
            0x61, 0x42); // CRC 0x4261, low byte first

    /** MQ485A address change: broadcast, write register 0 = 2; the device echoes it. */
    private static final byte[] MQ485A_SET_ADDRESS = Bytes.of(
            0x00, // broadcast address
            0x06, // write single register
            0x00, 0x00, // register 0
            0x00, 0x02, // value: new slave address 2
            0x09, 0xDA); // CRC 0xDA09, low byte first

    private static final byte[] SYNTHETIC_REQUEST = Bytes.of(
            0x01, 0x03, // slave 1, read holding registers
            0x00, 0x00, // start 0
            0x00, 0x01, // quantity 1
            0x84, 0x0A); // CRC 0x0A84

    private static final byte[] SYNTHETIC_RESPONSE = Bytes.of(
            0x01, 0x03, // slave 1, read holding registers
            0x02, // byte count 2
            0x0E, 0x4C, // 0x0E4C = 3660 -> 36.60 °C
            0xBD, 0xD1); // CRC 0xD1BD

    /** Hukseflux SR05, slave 0x40: its CRC bytes differ enough to catch a swapped byte order. */
    private static final byte[] HUKSEFLUX_REQUEST = Bytes.of(
            0x40, 0x03, // slave 64, read holding registers
            0x10, 0x06, // start register 0x1006
            0x00, 0x01, // quantity 1
            0x6F, 0xDA); // CRC 0xDA6F

    private static final byte[] HUKSEFLUX_RESPONSE = Bytes.of(
            0x40, 0x03, // slave 64, read holding registers
            0x02, // byte count 2
            0x08, 0xB1, // 0x08B1 = 2225 -> 22.25 °C
            0x43, 0xFF); // CRC 0xFF43

    private static final byte[] EXCEPTION_ILLEGAL_ADDRESS = Bytes.of(
            0x01, // slave 1
            0x83, // 0x03 | 0x80: exception to read holding registers
            0x02, // illegal data address
            0xC0, 0xF1); // CRC 0xF1C0

    @Test
    void encodesTheMq485aPollFromItsPresetSettings() {
        ReadHoldingRegisters request = ModbusThermometerSettings.mq485a().readRequest();

        assertEquals(new ReadHoldingRegisters(1, 0, 8), request);
        assertArrayEquals(MQ485A_REQUEST, ModbusRtuCodec.encode(request));
        assertEquals(
                DecodeResult.frame(request, 8), ModbusRtuCodec.requestDecoder().decode(MQ485A_REQUEST, 0, 8));
    }

    @Test
    void decodesTheMq485aReplyToObjectAndReferenceTemperatures() {
        ModbusThermometerSettings mq485a = ModbusThermometerSettings.mq485a();
        Registers expected = new Registers(1, List.of(0x0A13, 0x0BFB, 0, 0, 0, 0, 0, 0));

        DecodeResult<ModbusResponse> result =
                ModbusRtuCodec.responseDecoder(mq485a.readRequest()).decode(MQ485A_RESPONSE, 0, MQ485A_RESPONSE.length);

        assertEquals(DecodeResult.frame(expected, 21), result);
        assertArrayEquals(MQ485A_RESPONSE, ModbusRtuCodec.encode(expected));
        RegisterReading reading = RegisterReading.from(mq485a, expected);
        assertEquals(25.79, reading.objectC(), 1e-9);
        assertEquals(30.67, reading.ambientC(), 1e-9);
    }

    @Test
    void encodesTheMq485aBroadcastAddressChangeAndDecodesItsEcho() {
        WriteSingleRegister setAddress = new WriteSingleRegister(0, 0, 2);

        assertArrayEquals(MQ485A_SET_ADDRESS, ModbusRtuCodec.encode(setAddress));
        assertEquals(
                DecodeResult.frame(new WriteEcho(0, 0, 2), 8),
                ModbusRtuCodec.responseDecoder(setAddress).decode(MQ485A_SET_ADDRESS, 0, 8));
        assertArrayEquals(MQ485A_SET_ADDRESS, ModbusRtuCodec.encode(new WriteEcho(0, 0, 2)));
        assertEquals(
                DecodeResult.frame(setAddress, 8),
                ModbusRtuCodec.requestDecoder().decode(MQ485A_SET_ADDRESS, 0, 8));
    }

    @Test
    void roundTripsTheSyntheticSingleRegisterPoll() {
        ReadHoldingRegisters request = new ReadHoldingRegisters(1, 0, 1);

        assertArrayEquals(SYNTHETIC_REQUEST, ModbusRtuCodec.encode(request));
        assertEquals(
                DecodeResult.frame(request, 8), ModbusRtuCodec.requestDecoder().decode(SYNTHETIC_REQUEST, 0, 8));
        assertEquals(
                DecodeResult.frame(new Registers(1, List.of(0x0E4C)), 7),
                ModbusRtuCodec.responseDecoder(request).decode(SYNTHETIC_RESPONSE, 0, 7));
        assertArrayEquals(SYNTHETIC_RESPONSE, ModbusRtuCodec.encode(new Registers(1, List.of(0x0E4C))));
        assertEquals(36.60, ModbusThermometerSettings.mq485a().toCelsius(0x0E4C), 1e-9);
    }

    @Test
    void roundTripsTheHuksefluxPollFromSlave40() {
        ModbusThermometerSettings sr05 = new ModbusThermometerSettings(
                0x40,
                0x1006,
                ModbusThermometerSettings.NO_REGISTER,
                1,
                ModbusThermometerSettings.Scale.HUNDREDTHS,
                ModbusThermometerSettings.Signedness.TWOS_COMPLEMENT,
                ModbusThermometerSettings.NO_REGISTER,
                0,
                9600,
                ModbusThermometerSettings.DEFAULT_POLL_INTERVAL,
                ModbusThermometerSettings.DEFAULT_RESPONSE_TIMEOUT);
        Registers reply = new Registers(0x40, List.of(0x08B1));

        assertArrayEquals(HUKSEFLUX_REQUEST, ModbusRtuCodec.encode(sr05.readRequest()));
        assertEquals(
                DecodeResult.frame(sr05.readRequest(), 8),
                ModbusRtuCodec.requestDecoder().decode(HUKSEFLUX_REQUEST, 0, 8));
        assertEquals(
                DecodeResult.frame(reply, 7),
                ModbusRtuCodec.responseDecoder(sr05.readRequest()).decode(HUKSEFLUX_RESPONSE, 0, 7));
        assertArrayEquals(HUKSEFLUX_RESPONSE, ModbusRtuCodec.encode(reply));
        RegisterReading reading = RegisterReading.from(sr05, reply);
        assertEquals(22.25, reading.objectC(), 1e-9);
        assertEquals(Double.NaN, reading.ambientC());
    }

    @Test
    void roundTripsTheIllegalDataAddressException() {
        ExceptionReply exception = new ExceptionReply(1, 0x03, 0x02);

        assertEquals(
                DecodeResult.frame(exception, 5),
                ModbusRtuCodec.responseDecoder(new ReadHoldingRegisters(1, 0, 1))
                        .decode(EXCEPTION_ILLEGAL_ADDRESS, 0, 5));
        assertArrayEquals(EXCEPTION_ILLEGAL_ADDRESS, ModbusRtuCodec.encode(exception));
        assertEquals("exception-02", exception.reason());
    }

    @Test
    void theReferenceNotesExceptionFrameEndingIn7091HasAWrongCrc() {
        // The notes print 01 83 02 70 91; the CRC of 01 83 02 is 0xF1C0 (sent C0 F1), which other public
        // Modbus references also give. 70 91 is the CRC of none of the 01 83 xx frames.
        byte[] asPrinted = hex("01 83 02 70 91");

        assertEquals(0xF1C0, Crc16Modbus.compute(asPrinted, 0, 3));
        // the skip stops at the last byte: 0x91 could be the address of another slave's reply
        assertEquals(
                DecodeResult.malformed("bad-crc", 4),
                ModbusRtuCodec.responseDecoder(new ReadHoldingRegisters(1, 0, 1))
                        .decode(asPrinted, 0, 5));
    }
}
