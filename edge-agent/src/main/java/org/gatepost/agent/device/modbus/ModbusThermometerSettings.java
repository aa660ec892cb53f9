package org.gatepost.agent.device.modbus;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How to poll one Modbus RTU infrared thermometer: where its values live and how they are scaled, and the
 * poll timing. Immutable; validated on construction ({@link IllegalArgumentException} naming the component).
 * Register maps are vendor-specific: see {@link #mq485a()} and {@link #calexPyroUsb()}, and
 * {@code docs/protocols/modbus-thermometer.md}.
 *
 * <p>One function 03 request reads {@code registerCount} registers from {@link #firstRegister()}, the lowest
 * register in use; the object, ambient and status registers must all lie in that block.
 *
 * @param slave           slave address, 1..247
 * @param objectRegister  holding register with the object (target) temperature, 0..65535
 * @param ambientRegister holding register with the ambient (sensor) temperature, or {@link #NO_REGISTER}
 * @param registerCount   registers read per poll, 1..125
 * @param scale           °C per least significant bit of a temperature register
 * @param signedness      how a negative temperature is encoded in a register
 * @param statusRegister  holding register with error flags, or {@link #NO_REGISTER}
 * @param statusErrorMask bits of the status register that make a reading invalid; non-zero with a status
 *                        register, 0 without one
 * @param baud            line speed in bit/s, used for the inter-frame silence (the link is opened at it too)
 * @param pollInterval    time from one request to the next, at least; positive
 * @param responseTimeout how long to wait for a reply after sending a request; positive
 */
public record ModbusThermometerSettings(
        int slave,
        int objectRegister,
        int ambientRegister,
        int registerCount,
        Scale scale,
        Signedness signedness,
        int statusRegister,
        int statusErrorMask,
        int baud,
        Duration pollInterval,
        Duration responseTimeout) {
    /** Marks an optional register as absent. */
    public static final int NO_REGISTER = -1;

    public static final int DEFAULT_BAUD = 9600;
    /** Five readings a second: enough to catch a person passing, gentle on a shared bus. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(200);

    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofMillis(300);
    /** Above this baud the RTU inter-frame silence is fixed at {@link #FIXED_SILENCE}. */
    public static final int FIXED_SILENCE_ABOVE_BAUD = 19_200;

    public static final Duration FIXED_SILENCE = Duration.ofNanos(1_750_000);
    /** An RTU character is 11 bits on the line: start, 8 data, parity (or a second stop bit), stop. */
    public static final int BITS_PER_CHARACTER = 11;
    /** The silence that ends a frame, in tenths of a character time. */
    private static final long SILENCE_TENTH_CHARACTERS = 35;

    /** °C per least significant bit. */
    public enum Scale {
        /** 0.1 °C per LSB (Calex). */
        TENTHS(10),
        /** 0.01 °C per LSB (MQ485A, Hukseflux). */
        HUNDREDTHS(100);

        private final int lsbPerDegree;

        Scale(int lsbPerDegree) {
            this.lsbPerDegree = lsbPerDegree;
        }

        public double toCelsius(int raw) {
            return raw / (double) lsbPerDegree;
        }

        /** The nearest raw value for {@code celsius}; not range-checked. */
        public long toRaw(double celsius) {
            return Math.round(celsius * lsbPerDegree);
        }

        /** {@code 0.1} or {@code 0.01}, as written in configuration. */
        public static Scale parse(String degreesPerLsb) {
            return switch (degreesPerLsb.strip()) {
                case "0.1" -> TENTHS;
                case "0.01" -> HUNDREDTHS;
                default ->
                    throw new IllegalArgumentException("scale must be 0.1 or 0.01 (°C per LSB): " + degreesPerLsb);
            };
        }
    }

    /**
     * How a negative temperature is encoded in a 16-bit register. The MQ485A listing says only that "the top
     * bit marks negative values", which fits either.
     */
    public enum Signedness {
        /** {@code FB2E} = −1234. Range −32768..32767. */
        TWOS_COMPLEMENT {
            @Override
            public int toSigned(int word) {
                return (short) word;
            }

            @Override
            public int toWord(long value) {
                if (value < Short.MIN_VALUE || value > Short.MAX_VALUE) {
                    throw outOfRange(value);
                }
                return (int) value & 0xFFFF;
            }
        },
        /** Top bit is the sign, the rest the magnitude: {@code 84D2} = −1234. Range −32767..32767. */
        SIGN_MAGNITUDE {
            @Override
            public int toSigned(int word) {
                int magnitude = word & 0x7FFF;
                return (word & 0x8000) != 0 ? -magnitude : magnitude;
            }

            @Override
            public int toWord(long value) {
                if (value < -Short.MAX_VALUE || value > Short.MAX_VALUE) {
                    throw outOfRange(value);
                }
                return value < 0 ? 0x8000 | (int) -value : (int) value;
            }
        };

        /** The signed value of a register word 0..0xFFFF. */
        public abstract int toSigned(int word);

        /** The register word for a signed value; {@link IllegalArgumentException} if it cannot be encoded. */
        public abstract int toWord(long value);

        /** {@code twos-complement} or {@code sign-magnitude}, as written in configuration. */
        public static Signedness parse(String text) {
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "twos-complement" -> TWOS_COMPLEMENT;
                case "sign-magnitude" -> SIGN_MAGNITUDE;
                default ->
                    throw new IllegalArgumentException("signedness must be twos-complement or sign-magnitude: " + text);
            };
        }

        IllegalArgumentException outOfRange(long value) {
            return new IllegalArgumentException("value does not fit a 16-bit register as " + name() + ": " + value);
        }
    }

    public ModbusThermometerSettings {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(signedness, "signedness");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(responseTimeout, "responseTimeout");
        if (slave < ModbusRtuCodec.MIN_SLAVE_ADDRESS || slave > ModbusRtuCodec.MAX_SLAVE_ADDRESS) {
            throw new IllegalArgumentException("slave must be 1..247: " + slave);
        }
        register("objectRegister", objectRegister, false);
        register("ambientRegister", ambientRegister, true);
        register("statusRegister", statusRegister, true);
        if (statusRegister == NO_REGISTER && statusErrorMask != 0) {
            throw new IllegalArgumentException(
                    "statusErrorMask must be 0 without a statusRegister: " + statusErrorMask);
        }
        if (statusRegister != NO_REGISTER && (statusErrorMask < 1 || statusErrorMask > 0xFFFF)) {
            throw new IllegalArgumentException(
                    "statusErrorMask must be 1..0xFFFF with a statusRegister: " + statusErrorMask);
        }
        if (registerCount < 1 || registerCount > ModbusRtuCodec.MAX_READ_QUANTITY) {
            throw new IllegalArgumentException(
                    "registerCount must be 1.." + ModbusRtuCodec.MAX_READ_QUANTITY + ": " + registerCount);
        }
        int first = lowest(objectRegister, ambientRegister, statusRegister);
        int last = Math.max(objectRegister, Math.max(ambientRegister, statusRegister));
        if (last - first >= registerCount) {
            throw new IllegalArgumentException("registerCount " + registerCount + " does not reach register " + last
                    + " from register " + first + ": need at least " + (last - first + 1));
        }
        if (first + registerCount - 1 > 0xFFFF) {
            throw new IllegalArgumentException(
                    "registerCount " + registerCount + " reads past register 65535 from " + first);
        }
        if (baud <= 0) {
            throw new IllegalArgumentException("baud must be positive: " + baud);
        }
        positive("pollInterval", pollInterval);
        positive("responseTimeout", responseTimeout);
    }

    /** MQ485A: slave 1, TO in register 0, reference (ambient) in 1, registers 0–7 read, 0.01 °C, 9600 baud. */
    public static ModbusThermometerSettings mq485a() {
        return new ModbusThermometerSettings(
                1,
                0,
                1,
                8,
                Scale.HUNDREDTHS,
                Signedness.TWOS_COMPLEMENT,
                NO_REGISTER,
                0,
                DEFAULT_BAUD,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_RESPONSE_TIMEOUT);
    }

    /**
     * Calex PyroUSB: slave 1, filtered temperature in 0x12, status in 0x15 (bits 0–4: measurement error, sensor
     * too cold or hot, target too cold or hot; any of them invalidates a reading), 0.1 °C, no ambient, 9600 baud.
     */
    public static ModbusThermometerSettings calexPyroUsb() {
        return new ModbusThermometerSettings(
                1,
                0x12,
                NO_REGISTER,
                4,
                Scale.TENTHS,
                Signedness.TWOS_COMPLEMENT,
                0x15,
                0x1F,
                DEFAULT_BAUD,
                DEFAULT_POLL_INTERVAL,
                DEFAULT_RESPONSE_TIMEOUT);
    }

    public ModbusThermometerSettings withSlave(int newSlave) {
        return copy(d -> d.slave = newSlave);
    }

    public ModbusThermometerSettings withEncoding(Scale newScale, Signedness newSignedness) {
        return copy(d -> {
            d.scale = newScale;
            d.signedness = newSignedness;
        });
    }

    public ModbusThermometerSettings withStatus(int newStatusRegister, int newErrorMask) {
        return copy(d -> {
            d.statusRegister = newStatusRegister;
            d.statusErrorMask = newErrorMask;
        });
    }

    public ModbusThermometerSettings withBaud(int newBaud) {
        return copy(d -> d.baud = newBaud);
    }

    public ModbusThermometerSettings withTiming(Duration newPollInterval, Duration newResponseTimeout) {
        return copy(d -> {
            d.pollInterval = newPollInterval;
            d.responseTimeout = newResponseTimeout;
        });
    }

    /** These settings with {@code changes} applied; the copy is validated like any other. */
    private ModbusThermometerSettings copy(Consumer<Draft> changes) {
        Draft draft = new Draft(this);
        changes.accept(draft);
        return draft.build();
    }

    /** The values of a copy in the making. */
    private static final class Draft {
        private int slave;
        private final int objectRegister;
        private final int ambientRegister;
        private final int registerCount;
        private Scale scale;
        private Signedness signedness;
        private int statusRegister;
        private int statusErrorMask;
        private int baud;
        private Duration pollInterval;
        private Duration responseTimeout;

        Draft(ModbusThermometerSettings from) {
            slave = from.slave;
            objectRegister = from.objectRegister;
            ambientRegister = from.ambientRegister;
            registerCount = from.registerCount;
            scale = from.scale;
            signedness = from.signedness;
            statusRegister = from.statusRegister;
            statusErrorMask = from.statusErrorMask;
            baud = from.baud;
            pollInterval = from.pollInterval;
            responseTimeout = from.responseTimeout;
        }

        ModbusThermometerSettings build() {
            return new ModbusThermometerSettings(
                    slave,
                    objectRegister,
                    ambientRegister,
                    registerCount,
                    scale,
                    signedness,
                    statusRegister,
                    statusErrorMask,
                    baud,
                    pollInterval,
                    responseTimeout);
        }
    }

    /** The lowest register in use: where each read starts. */
    public int firstRegister() {
        return lowest(objectRegister, ambientRegister, statusRegister);
    }

    /** The request sent on every poll. */
    public ModbusRequest.ReadHoldingRegisters readRequest() {
        return new ModbusRequest.ReadHoldingRegisters(slave, firstRegister(), registerCount);
    }

    public boolean hasAmbient() {
        return ambientRegister != NO_REGISTER;
    }

    public boolean hasStatus() {
        return statusRegister != NO_REGISTER;
    }

    /**
     * The line silence that must precede every request: 3.5 character times of {@value #BITS_PER_CHARACTER}
     * bits at {@link #baud()} (4.01 ms at 9600), fixed at 1.75 ms above 19200 baud.
     */
    public Duration interFrameSilence() {
        if (baud > FIXED_SILENCE_ABOVE_BAUD) {
            return FIXED_SILENCE;
        }
        long bitTimesTimesTen = SILENCE_TENTH_CHARACTERS * BITS_PER_CHARACTER;
        long nanos = (bitTimesTimesTen * 1_000_000_000L + 10L * baud - 1) / (10L * baud); // rounded up
        return Duration.ofNanos(nanos);
    }

    /** A temperature register's word (0..0xFFFF) in °C. */
    public double toCelsius(int word) {
        return scale.toCelsius(signedness.toSigned(word));
    }

    /** The register word for {@code celsius} (device role); {@link IllegalArgumentException} if it does not fit. */
    public int toWord(double celsius) {
        return signedness.toWord(scale.toRaw(celsius));
    }

    private static int lowest(int object, int ambient, int status) {
        int first = object;
        if (ambient != NO_REGISTER) {
            first = Math.min(first, ambient);
        }
        if (status != NO_REGISTER) {
            first = Math.min(first, status);
        }
        return first;
    }

    private static void register(String key, int value, boolean optional) {
        if (optional && value == NO_REGISTER) {
            return;
        }
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(
                    key + " must be 0..65535" + (optional ? " or -1 for none" : "") + ": " + value);
        }
    }

    private static void positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(key + " must be positive: " + d);
        }
    }
}
