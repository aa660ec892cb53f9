package org.gatepost.agent.device.scanner;

import org.gatepost.agent.device.scanner.ScannerSettings.Terminator;

/**
 * Command frames of the GM65 / GM60 / GM805 / GM812 scanner modules, for setting a module up (the driver
 * itself sends nothing). Stateless.
 *
 * <pre>
 * 7E 00 | type | len | addr_hi addr_lo | data (len bytes) | crc_hi crc_lo
 * </pre>
 *
 * Types: {@code 07} read zone, {@code 08} write zone, {@code 09} save zones to flash. The CRC is
 * CRC-16/XMODEM (poly {@code 0x1021}, init 0, big-endian) over {@code type..data}. Example: trigger one
 * scan = {@code 7E 00 08 01 00 02 01 02 DA}. See {@code docs/protocols/qr-scanner-serial.md}.
 */
public final class Gm65Commands {
    public static final int HEADER_1 = 0x7E;
    public static final int HEADER_2 = 0x00;
    public static final int TYPE_READ_ZONE = 0x07;
    public static final int TYPE_WRITE_ZONE = 0x08;
    public static final int TYPE_SAVE_ZONES = 0x09;
    /** Zone 0x0000: bits 1–0 select the mode (00 manual, 01 command-triggered, 10 continuous, 11 sensor). */
    public static final int ZONE_MODE = 0x0000;
    /** Zone 0x0002: writing 01 triggers one scan in command mode. */
    public static final int ZONE_TRIGGER = 0x0002;
    /** Zone 0x002A: baud rate (two bytes). */
    public static final int ZONE_BAUD = 0x002A;
    /** Zone 0x0060: bits 6–5 select the tail, see {@link Terminator#gm65Code()}. */
    public static final int ZONE_TAIL = 0x0060;

    private static final int TAIL_MASK = 0b0110_0000;
    private static final int TAIL_SHIFT = 5;

    private Gm65Commands() {}

    /** Writes {@code values} (each one byte) to consecutive zones from {@code address}. */
    public static byte[] writeZone(int address, int... values) {
        return frame(TYPE_WRITE_ZONE, address, values);
    }

    /** Asks for {@code count} zone bytes from {@code address}. */
    public static byte[] readZone(int address, int count) {
        return frame(TYPE_READ_ZONE, address, count);
    }

    /** Saves the zone settings to flash: {@code 7E 00 09 01 00 00 00 DE C8}. */
    public static byte[] saveZones() {
        return frame(TYPE_SAVE_ZONES, 0x0000, 0x00);
    }

    /** Triggers one scan in command mode: {@code 7E 00 08 01 00 02 01 02 DA}. */
    public static byte[] triggerScan() {
        return writeZone(ZONE_TRIGGER, 0x01);
    }

    /** Zone {@code 0x0060}'s value {@code current} with its tail bits set to {@code tail}, other bits kept. */
    public static int withTail(int current, Terminator tail) {
        requireByte("current", current);
        return (current & ~TAIL_MASK) | (tail.gm65Code() << TAIL_SHIFT);
    }

    /** The tail selected by a zone {@code 0x0060} value. */
    public static Terminator tailOf(int zoneValue) {
        requireByte("zoneValue", zoneValue);
        int code = (zoneValue & TAIL_MASK) >>> TAIL_SHIFT;
        for (Terminator t : Terminator.values()) {
            if (t.gm65Code() == code) {
                return t;
            }
        }
        throw new AssertionError("two bits map to four terminators: " + code);
    }

    /** A command frame; {@code address} 0..0xFFFF, 1..255 data values of one byte each. */
    public static byte[] frame(int type, int address, int... data) {
        requireByte("type", type);
        if (address < 0 || address > 0xFFFF) {
            throw new IllegalArgumentException("address must be 16 bits: " + address);
        }
        if (data.length < 1 || data.length > 0xFF) {
            throw new IllegalArgumentException("data length must be 1..255: " + data.length);
        }
        byte[] f = new byte[6 + data.length + 2];
        f[0] = (byte) HEADER_1;
        f[1] = (byte) HEADER_2;
        f[2] = (byte) type;
        f[3] = (byte) data.length;
        f[4] = (byte) (address >>> 8);
        f[5] = (byte) address;
        for (int i = 0; i < data.length; i++) {
            requireByte("data[" + i + "]", data[i]);
            f[6 + i] = (byte) data[i];
        }
        int crc = crc16Xmodem(f, 2, 4 + data.length);
        f[f.length - 2] = (byte) (crc >>> 8);
        f[f.length - 1] = (byte) crc;
        return f;
    }

    /** CRC-16/XMODEM (poly 0x1021, init 0, no reflection, no final XOR) of {@code length} bytes at {@code offset}. */
    public static int crc16Xmodem(byte[] bytes, int offset, int length) {
        int crc = 0;
        for (int i = offset; i < offset + length; i++) {
            crc ^= (bytes[i] & 0xFF) << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xFFFF;
    }

    private static void requireByte(String name, int v) {
        if (v < 0 || v > 0xFF) {
            throw new IllegalArgumentException(name + " must be one byte: " + v);
        }
    }
}
