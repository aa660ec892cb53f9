package org.gatepost.agent.device.modbus;

import org.gatepost.agent.device.codec.FrameDecoder;

/**
 * Byte-level codec for Modbus RTU over a serial line, in both roles: the agent (master) encodes requests and
 * decodes replies; the simulator (slave) decodes requests and encodes replies. Frame formats, worked frames,
 * timing and fault handling are documented in {@code docs/protocols/modbus-thermometer.md} (repository root).
 *
 * <pre>
 * request  03: [slave][03][start hi][start lo][qty hi][qty lo][crc lo][crc hi]
 * reply    03: [slave][03][byte count = 2 * qty][reg0 hi][reg0 lo]...[crc lo][crc hi]
 * request  06: [slave][06][reg hi][reg lo][value hi][value lo][crc lo][crc hi]   (the reply echoes it)
 * exception:   [slave][function | 0x80][code][crc lo][crc hi]
 * </pre>
 *
 * The CRC is {@link Crc16Modbus} over every byte before it, low byte first. RTU delimits frames by line
 * silence; these decoders frame by length instead (function code and byte count), so they work on links that
 * do not preserve timing (USB adapters, ptys, TCP serial servers), and the driver adds the silence when sending.
 *
 * <p>Stateless; every member is safe for concurrent use.
 */
public final class ModbusRtuCodec {
    public static final int FN_READ_HOLDING_REGISTERS = 0x03;
    public static final int FN_WRITE_SINGLE_REGISTER = 0x06;
    /** Set on the function code of an exception reply. */
    public static final int EXCEPTION_FLAG = 0x80;

    public static final int BROADCAST_ADDRESS = 0;
    public static final int MIN_SLAVE_ADDRESS = 1;
    public static final int MAX_SLAVE_ADDRESS = 247;
    /** Most registers one function 03 request may ask for (the reply's byte count then is 250). */
    public static final int MAX_READ_QUANTITY = 125;
    /** Longest RTU frame: address, PDU of at most 253 bytes, CRC. */
    public static final int MAX_FRAME_LENGTH = 256;

    /** Requests of functions 01 to 06: address, function, two 16-bit fields, CRC. Also the 06 echo. */
    public static final int FIXED_FRAME_LENGTH = 8;
    /** Exception reply: address, function | 0x80, code, CRC. */
    public static final int EXCEPTION_FRAME_LENGTH = 5;
    /** Function 03 reply without its register bytes: address, function, byte count, CRC. */
    public static final int REGISTERS_OVERHEAD = 5;

    public static final int ILLEGAL_FUNCTION = 0x01;
    public static final int ILLEGAL_DATA_ADDRESS = 0x02;
    public static final int ILLEGAL_DATA_VALUE = 0x03;
    public static final int SERVER_DEVICE_FAILURE = 0x04;

    private static final FrameDecoder<ModbusRequest> REQUEST_DECODER = new RequestDecoder();

    private ModbusRtuCodec() {}

    /**
     * Decodes the reply to {@code request} (master role): a frame from any slave address with the request's
     * function, or its exception reply. For function 03 the byte count must be {@code 2 * quantity}; for 06 the
     * echo's register and value are decoded as sent, for the caller to compare. A reply carrying another
     * slave's address is decoded too (with that address), so the caller can count and ignore it.
     *
     * @throws IllegalArgumentException for a request with no reply to decode: a function 03 quantity outside
     *                                  1..125, or an {@link ModbusRequest.Other} request
     */
    public static FrameDecoder<ModbusResponse> responseDecoder(ModbusRequest request) {
        return switch (request) {
            case ModbusRequest.ReadHoldingRegisters r -> {
                requireQuantity(r.quantity());
                yield new ResponseDecoder(r.slave(), FN_READ_HOLDING_REGISTERS, 2 * r.quantity());
            }
            case ModbusRequest.WriteSingleRegister w -> new ResponseDecoder(w.slave(), FN_WRITE_SINGLE_REGISTER, 0);
            case ModbusRequest.Other o ->
                throw new IllegalArgumentException("no reply decoder for function " + o.function());
        };
    }

    /** Decodes requests (slave role, used by emulators): functions 01 to 06, any address 0..247. */
    public static FrameDecoder<ModbusRequest> requestDecoder() {
        return REQUEST_DECODER;
    }

    /** The complete RTU frame of {@code request}, CRC included. */
    public static byte[] encode(ModbusRequest request) {
        return switch (request) {
            case ModbusRequest.ReadHoldingRegisters r -> fixed(r.slave(), r.function(), r.start(), r.quantity());
            case ModbusRequest.WriteSingleRegister w -> fixed(w.slave(), w.function(), w.register(), w.value());
            case ModbusRequest.Other o -> fixed(o.slave(), o.function(), o.first(), o.second());
        };
    }

    /** The complete RTU frame of {@code response} (slave role), CRC included. */
    public static byte[] encode(ModbusResponse response) {
        return switch (response) {
            case ModbusResponse.Registers r -> {
                byte[] body = new byte[3 + 2 * r.values().size()];
                body[0] = (byte) r.slave();
                body[1] = (byte) FN_READ_HOLDING_REGISTERS;
                body[2] = (byte) (2 * r.values().size());
                for (int i = 0; i < r.values().size(); i++) {
                    body[3 + 2 * i] = (byte) (r.value(i) >> 8);
                    body[4 + 2 * i] = (byte) r.value(i);
                }
                yield Crc16Modbus.append(body);
            }
            case ModbusResponse.WriteEcho w -> fixed(w.slave(), FN_WRITE_SINGLE_REGISTER, w.register(), w.value());
            case ModbusResponse.ExceptionReply e ->
                Crc16Modbus.append(
                        new byte[] {(byte) e.slave(), (byte) (e.function() | EXCEPTION_FLAG), (byte) e.code()});
        };
    }

    private static byte[] fixed(int slave, int function, int first, int second) {
        return Crc16Modbus.append(new byte[] {
            (byte) slave, (byte) function, (byte) (first >> 8), (byte) first, (byte) (second >> 8), (byte) second
        });
    }

    static boolean isOtherFixedLengthFunction(int function) {
        return function == 0x01 || function == 0x02 || function == 0x04 || function == 0x05;
    }

    static void requireSlaveOrBroadcast(int slave) {
        if (slave < BROADCAST_ADDRESS || slave > MAX_SLAVE_ADDRESS) {
            throw new IllegalArgumentException("slave address must be 0..247: " + slave);
        }
    }

    static void requireWord(String what, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " must be 0..65535: " + value);
        }
    }

    static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_READ_QUANTITY) {
            throw new IllegalArgumentException("register quantity must be 1.." + MAX_READ_QUANTITY + ": " + quantity);
        }
    }

    static int word(byte[] bytes, int at) {
        return ((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF);
    }
}
