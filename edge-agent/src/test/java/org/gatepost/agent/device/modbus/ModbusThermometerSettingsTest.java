package org.gatepost.agent.device.modbus;

import static org.gatepost.agent.device.modbus.ModbusThermometerSettings.NO_REGISTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Scale;
import org.gatepost.agent.device.modbus.ModbusThermometerSettings.Signedness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ModbusThermometerSettingsTest {
    private static final ModbusThermometerSettings MQ485A = ModbusThermometerSettings.mq485a();

    @Test
    void silenceIsThreeAndAHalfElevenBitCharactersUpTo19200Baud() {
        // 3.5 * 11 bits = 38.5 bit times, rounded up to the next nanosecond
        assertEquals(Duration.ofNanos(4_010_417), MQ485A.withBaud(9600).interFrameSilence());
        assertEquals(Duration.ofNanos(2_005_209), MQ485A.withBaud(19_200).interFrameSilence());
        assertEquals(Duration.ofNanos(32_083_334), MQ485A.withBaud(1200).interFrameSilence());
    }

    @Test
    void silenceIsFixedAt1750MicrosecondsAbove19200Baud() {
        assertEquals(Duration.ofNanos(1_750_000), MQ485A.withBaud(19_201).interFrameSilence());
        assertEquals(Duration.ofNanos(1_750_000), MQ485A.withBaud(38_400).interFrameSilence());
        assertEquals(Duration.ofNanos(1_750_000), MQ485A.withBaud(115_200).interFrameSilence());
    }

    @Test
    void twosComplementAndSignMagnitudeDisagreeOnlyAboutNegativeWords() {
        assertEquals(-1234, Signedness.TWOS_COMPLEMENT.toSigned(0xFB2E));
        assertEquals(-1234, Signedness.SIGN_MAGNITUDE.toSigned(0x84D2));
        assertEquals(-31534, Signedness.TWOS_COMPLEMENT.toSigned(0x84D2));
        assertEquals(2579, Signedness.SIGN_MAGNITUDE.toSigned(0x0A13));
        assertEquals(0, Signedness.SIGN_MAGNITUDE.toSigned(0x8000), "negative zero");
        assertEquals(0xFB2E, Signedness.TWOS_COMPLEMENT.toWord(-1234));
        assertEquals(0x84D2, Signedness.SIGN_MAGNITUDE.toWord(-1234));
        assertEquals(0x8000, Signedness.TWOS_COMPLEMENT.toWord(-32768));
        assertThrows(IllegalArgumentException.class, () -> Signedness.SIGN_MAGNITUDE.toWord(-32768));
        assertThrows(IllegalArgumentException.class, () -> Signedness.TWOS_COMPLEMENT.toWord(32768));
    }

    @Test
    void convertsWordsToCelsiusAtEitherScale() {
        assertEquals(25.79, MQ485A.toCelsius(0x0A13), 1e-9);
        assertEquals(-12.34, MQ485A.toCelsius(0xFB2E), 1e-9);
        ModbusThermometerSettings tenths = MQ485A.withEncoding(Scale.TENTHS, Signedness.SIGN_MAGNITUDE);
        assertEquals(257.9, tenths.toCelsius(0x0A13), 1e-9);
        assertEquals(-123.4, tenths.toCelsius(0x84D2), 1e-9);
        assertEquals(0x016F, tenths.toWord(36.7));
        assertEquals(0x8019, tenths.toWord(-2.5));
    }

    @Test
    void parsesScaleAndSignednessAsWrittenInConfiguration() {
        assertEquals(Scale.TENTHS, Scale.parse("0.1"));
        assertEquals(Scale.HUNDREDTHS, Scale.parse(" 0.01 "));
        assertEquals(Signedness.SIGN_MAGNITUDE, Signedness.parse("Sign-Magnitude"));
        assertEquals(Signedness.TWOS_COMPLEMENT, Signedness.parse("twos-complement"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Scale.parse("0.001"))
                .getMessage()
                .startsWith("scale"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Signedness.parse("ones"))
                .getMessage()
                .startsWith("signedness"));
    }

    @Test
    void readsOneBlockFromTheLowestRegisterInUse() {
        ModbusThermometerSettings calex = ModbusThermometerSettings.calexPyroUsb();

        assertEquals(new ModbusRequest.ReadHoldingRegisters(1, 0x12, 4), calex.readRequest());
        assertEquals(new ModbusRequest.ReadHoldingRegisters(1, 0, 8), MQ485A.readRequest());
        ModbusThermometerSettings statusFirst = MQ485A.withStatus(0, 1).withSlave(3);
        assertEquals(0, statusFirst.firstRegister());
    }

    @Test
    void rejectsABadValueNamingTheComponent() {
        assertMessage("slave must be 1..247: 0", () -> MQ485A.withSlave(0));
        assertMessage("slave must be 1..247: 248", () -> MQ485A.withSlave(248));
        assertMessage("baud must be positive: 0", () -> MQ485A.withBaud(0));
        assertMessage(
                "pollInterval must be positive: PT0S", () -> MQ485A.withTiming(Duration.ZERO, Duration.ofMillis(300)));
        assertMessage(
                "responseTimeout must be positive: PT-0.001S",
                () -> MQ485A.withTiming(Duration.ofMillis(200), Duration.ofMillis(-1)));
        assertMessage("statusErrorMask must be 1..0xFFFF with a statusRegister: 0", () -> MQ485A.withStatus(2, 0));
        assertMessage("statusErrorMask must be 0 without a statusRegister: 1", () -> MQ485A.withStatus(NO_REGISTER, 1));
        assertMessage("statusRegister must be 0..65535 or -1 for none: -2", () -> MQ485A.withStatus(-2, 1));
        assertMessage(
                "registerCount 8 does not reach register 9 from register 0: need at least 10",
                () -> MQ485A.withStatus(9, 1));
        assertMessage("objectRegister must be 0..65535: 70000", () -> objectBlock(70_000, 1));
        assertMessage("registerCount must be 1..125: 126", () -> objectBlock(0, 126));
        assertMessage("registerCount 2 reads past register 65535 from 65535", () -> objectBlock(65_535, 2));
    }

    /** Settings reading {@code registerCount} registers from the object temperature's, otherwise valid. */
    private static ModbusThermometerSettings objectBlock(int objectRegister, int registerCount) {
        return new ModbusThermometerSettings(
                1,
                objectRegister,
                NO_REGISTER,
                registerCount,
                Scale.TENTHS,
                Signedness.TWOS_COMPLEMENT,
                NO_REGISTER,
                0,
                9600,
                Duration.ofMillis(200),
                Duration.ofMillis(300));
    }

    private static void assertMessage(String expected, Executable build) {
        assertEquals(
                expected, assertThrows(IllegalArgumentException.class, build).getMessage());
    }
}
